package stdlib

import "testing"

// TestKotlinTest checks kotlin.test's assertions and their AssertionError
// messages (the reference's class path has no kotlin-test, so these are
// kotlin.test's documented messages rather than oracle cases).
func TestKotlinTest(t *testing.T) {
	ktCheck(t, "import kotlin.test.*", []ktCase{
		{`assertEquals(1, 1)`, "kotlin.Unit"},
		{`assertEquals(1, 2)`, "!java.lang.AssertionError: expected:<1> but was:<2>"},
		{`assertEquals("a", "b", "names")`, "!java.lang.AssertionError: names. expected:<a> but was:<b>"},
		{`assertNotEquals(1, 1)`, "!java.lang.AssertionError: Illegal value: <1>."},
		{`assertTrue(1 > 2)`, "!java.lang.AssertionError: Expected value to be true."},
		{`assertTrue(false, "must hold")`, "!java.lang.AssertionError: must hold"},
		{`assertFalse(true)`, "!java.lang.AssertionError: Expected value to be false."},
		{`assertNull(5)`, "!java.lang.AssertionError: Expected value to be null, but was: <5>."},
		{`assertNotNull(null, "m")`, "!java.lang.AssertionError: m. Expected value to be not null."},
		{`assertNotNull("x").length`, "1"},
		{`assertSame(listOf(1), listOf(1))`, "!java.lang.AssertionError: Expected <[1]>, actual <[1]> is not same."},
		{`assertContentEquals(listOf(1, 2), listOf(1, 3))`, "!java.lang.AssertionError: Iterable elements differ at index 1. Expected element <2>, actual element <3>."},
		{`assertContentEquals(listOf(1, 2, 3), listOf(1, 2))`, "!java.lang.AssertionError: Iterable lengths differ. Expected length is bigger than 2, actual length is 2."},
		{`assertContentEquals(intArrayOf(1), intArrayOf(1, 2))`, "!java.lang.AssertionError: Array lengths differ. Expected length is 1, actual length is bigger than 1."},
		{`assertIs<String>("str").length`, "3"},
		{`assertIs<String>(3)`, "!java.lang.AssertionError: Expected value to be of type <kotlin.String (Kotlin reflection is not available)>, actual <class java.lang.Integer (Kotlin reflection is not available)>."},
		{`assertFails { error("boom") }.message`, "boom"},
		{`assertFails { }`, "!java.lang.AssertionError: Expected an exception to be thrown, but was completed successfully."},
		{`assertFailsWith<IllegalStateException> { error("x") }.message`, "x"},
		{`assertFailsWith<IllegalArgumentException> { error("x") }`, "!java.lang.AssertionError: Expected an exception of class java.lang.IllegalArgumentException to be thrown, but was java.lang.IllegalStateException: x"},
		{`assertFailsWith<IllegalArgumentException>("m") { }`, "!java.lang.AssertionError: m. Expected an exception of class java.lang.IllegalArgumentException to be thrown, but was completed successfully."},
		{`fail("stop")`, "!java.lang.AssertionError: stop"},
		{`fail()`, "!java.lang.AssertionError"},
	})
}

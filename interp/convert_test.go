package interp_test

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

type address struct {
	City string
	Zip  string `ktcoro:"postcode"`
}

type person struct {
	Name    string
	Age     int
	Emails  []string
	Address *address
	Scores  map[string]float64
	secret  string // unexported: never converted
	Skipped bool   `ktcoro:"-"`
}

type withEmbedded struct {
	address
	Note string
}

// newConvInterp returns an interpreter with the standard library, for
// the script side of conversions.
func newConvInterp(t *testing.T) (*interp.Interp, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	in := interp.New(interp.Options{Stdout: &out, Stderr: &out})
	if err := stdlib.Install(in); err != nil {
		t.Fatal(err)
	}
	if err := coroutines.Install(in); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coroutines.Close(in) })
	return in, &out
}

// runScript runs src and returns what it printed.
func runScript(t *testing.T, in *interp.Interp, out *bytes.Buffer, src string) string {
	t.Helper()
	out.Reset()
	p, err := in.Compile("conv.kc", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	return out.String()
}

func TestToValueScriptView(t *testing.T) {
	in, out := newConvInterp(t)
	p := person{Name: "Ann", Age: 41, Emails: []string{"a@x", "b@x"}, Address: &address{"Oslo", "0150"},
		Scores: map[string]float64{"go": 9.5, "kotlin": 8}, secret: "s", Skipped: true}
	for name, x := range map[string]any{
		"p":        p,
		"nilPtr":   (*person)(nil),
		"small":    int(7),
		"big":      int64(1) << 40,
		"bigInt":   int(1) << 40,
		"u8":       uint8(255),
		"f32":      float32(1.5),
		"flag":     true,
		"runes":    []rune("hé"),
		"matrix":   [][]int{{1, 2}, {3}},
		"ints":     map[int]string{3: "c", 1: "a", 2: "b"},
		"embedded": withEmbedded{address{"Rome", "00100"}, "n"},
		"arr":      [2]bool{true, false},
		"anyList":  []any{1, "two", nil, 3.0},
	} {
		v, err := interp.ToValue(x)
		if err != nil {
			t.Fatalf("ToValue(%s): %v", name, err)
		}
		if err := in.AssignGlobal(name, v); err != nil {
			t.Fatal(err)
		}
	}
	got := runScript(t, in, out, `
println(p)
println(p.address)
println(p.emails.size)
println(nilPtr == null)
println("${small::class.simpleName} ${big::class.simpleName} ${bigInt::class.simpleName} ${u8::class.simpleName} ${f32::class.simpleName}")
println(small + 1)
println(flag && true)
println(runes)
println(matrix)
println(ints)
println(embedded)
println(arr)
println(anyList)
`)
	want := `person(name=Ann, age=41, emails=[a@x, b@x], address=address(city=Oslo, postcode=0150), scores={go=9.5, kotlin=8.0})
address(city=Oslo, postcode=0150)
2
true
Int Long Long Int Float
8
true
[104, 233]
[[1, 2], [3]]
{1=a, 2=b, 3=c}
withEmbedded(city=Rome, postcode=00100, note=n)
[true, false]
[1, two, null, 3.0]
`
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("script view (-want +got):\n%s", d)
	}
}

func TestToValueErrors(t *testing.T) {
	type node struct{ Next *node }
	loop := &node{}
	loop.Next = loop
	for _, tc := range []struct {
		x    any
		want string
	}{
		{make(chan int), "cannot convert a Go chan int to a script value"},
		{map[[2]int]int{{1, 2}: 3}, "keys must be strings, booleans or numbers"},
		{uint64(math.MaxUint64), "does not fit in a Long"},
		{[]any{1, []any{make(chan int)}}, "(at [1][0])"},
	} {
		_, err := interp.ToValue(tc.x)
		var ce *interp.ConversionError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ToValue(%T) = %v, want an error containing %q", tc.x, err, tc.want)
		}
	}
}

func TestFromValue(t *testing.T) {
	in, _ := newConvInterp(t)
	p, err := in.Compile("conv.kc", []byte(`
data class Address(val city: String, val postcode: String)
data class Person(val name: String, val age: Int, val emails: List<String>, val address: Address?, val scores: Map<String, Double>) {
    private val hidden = 1
    val computed: Int get() = age * 2
}
enum class Level { LOW, HIGH }
val person = Person("Bo", 30, listOf("bo@x"), Address("Rome", "00100"), mapOf("go" to 7.0))
val asMap = mapOf("name" to "Cy", "age" to 5L, "emails" to setOf("c@x"), "extra" to 1)
val level = Level.HIGH
val nums = listOf(1, 2, 300)
val mixed = listOf(1, "x", null, 2.5, 'c', 10L, listOf(true), mapOf(1 to "one"))
val range = 1..4
val err = IllegalStateException("boom")
val fn = { x: Int -> x }
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Run(p); err != nil {
		t.Fatal(err)
	}
	get := func(name string) interp.Value {
		v, ok := in.LookupGlobal(name)
		if !ok {
			t.Fatalf("no global %s", name)
		}
		return v
	}
	var got person
	if err := interp.FromValue(get("person"), &got); err != nil {
		t.Fatal(err)
	}
	want := person{Name: "Bo", Age: 30, Emails: []string{"bo@x"}, Address: &address{"Rome", "00100"}, Scores: map[string]float64{"go": 7}}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(person{})); d != "" {
		t.Errorf("person (-want +got):\n%s", d)
	}
	got = person{}
	if err := interp.FromValue(get("asMap"), &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "Cy" || got.Age != 5 || !cmp.Equal(got.Emails, []string{"c@x"}) || got.Address != nil {
		t.Errorf("from a map: %+v", got)
	}
	var level string
	if err := interp.FromValue(get("level"), &level); err == nil {
		t.Error("an enum entry converted to string directly")
	}
	if g, _ := interp.ToGo(get("level")); g != "HIGH" {
		t.Errorf("ToGo(enum) = %v", g)
	}
	var r []int
	if err := interp.FromValue(get("range"), &r); err != nil || !cmp.Equal(r, []int{1, 2, 3, 4}) {
		t.Errorf("range = %v, %v", r, err)
	}
	var arr [3]int16
	if err := interp.FromValue(get("nums"), &arr); err != nil || arr != [3]int16{1, 2, 300} {
		t.Errorf("array = %v, %v", arr, err)
	}
	var e error
	if err := interp.FromValue(get("err"), &e); err != nil || e.Error() != "java.lang.IllegalStateException: boom" {
		t.Errorf("error = %v, %v", e, err)
	}
	var raw interp.Value
	if err := interp.FromValue(get("fn"), &raw); err != nil || raw != get("fn") {
		t.Errorf("Value = %v, %v", raw, err)
	}
	g, err := interp.ToGo(get("mixed"))
	if err != nil {
		t.Fatal(err)
	}
	wantMixed := []any{1, "x", nil, 2.5, 'c', int64(10), []any{true}, map[any]any{1: "one"}}
	if d := cmp.Diff(wantMixed, g); d != "" {
		t.Errorf("ToGo(mixed) (-want +got):\n%s", d)
	}
	g, _ = interp.ToGo(get("person"))
	wantPerson := map[string]any{"name": "Bo", "age": 30, "emails": []any{"bo@x"},
		"address": map[string]any{"city": "Rome", "postcode": "00100"}, "scores": map[string]any{"go": 7.0}}
	if d := cmp.Diff(wantPerson, g); d != "" {
		t.Errorf("ToGo(person) (-want +got):\n%s", d)
	}
	if g, _ := interp.ToGo(get("fn")); g != get("fn") {
		t.Errorf("ToGo(lambda) = %v, want the Value", g)
	}

	for _, tc := range []struct {
		from string
		dst  any
		want string
	}{
		{"nums", new([]int8), "cannot convert Int 300 to Go int8: out of range (at [2])"},
		{"nums", new([2]int), "cannot convert java.util.Arrays$ArrayList of 3 elements to Go [2]int"},
		{"nums", new(map[string]int), "cannot convert java.util.Arrays$ArrayList to Go map[string]int"},
		{"person", new(int), "cannot convert Person to Go int"},
		{"asMap", new(map[string]string), `cannot convert Long 5 to Go string (at ["age"])`},
		{"mixed", new([]string), "cannot convert Int 1 to Go string (at [0])"},
		{"nums", new([]uint), ""},
		{"fn", new(func(int) int), ""},
		{"nums", new(func(int) int), "it is not a function"},
	} {
		err := interp.FromValue(get(tc.from), tc.dst)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("FromValue(%s, %T) = %v", tc.from, tc.dst, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("FromValue(%s, %T) = %v, want %q", tc.from, tc.dst, err, tc.want)
		}
	}
	if err := interp.FromValue(get("nums"), []int{}); err == nil {
		t.Error("FromValue accepted a non-pointer")
	}
	var ip *int
	if err := interp.FromValue(interp.Null, &ip); err != nil || ip != nil {
		t.Errorf("null into *int: %v %v", ip, err)
	}
	var x int
	if err := interp.FromValue(interp.Null, &x); err == nil || err.Error() != "cannot convert null to Go int" {
		t.Errorf("null into int: %v", err)
	}
	var u uint8
	if err := interp.FromValue(interp.Int(-1), &u); err == nil {
		t.Error("-1 converted to uint8")
	}
	var f float32
	if err := interp.FromValue(interp.Long(3), &f); err != nil || f != 3 {
		t.Errorf("Long into float32: %v %v", f, err)
	}
}

func TestNewGoFunc(t *testing.T) {
	in, out := newConvInterp(t)
	define := func(name string, fn any) {
		t.Helper()
		n, err := interp.NewGoFunc(name, fn)
		if err != nil {
			t.Fatal(err)
		}
		in.Define(name, interp.Obj(n))
	}
	define("add", func(a, b int) int { return a + b })
	define("greet", func(p person) string { return p.Name + "@" + p.Address.City })
	define("maybe", func(ok bool) (*address, error) {
		if !ok {
			return nil, interp.Throw("java.util.NoSuchElementException", "nothing")
		}
		return &address{City: "Lima"}, nil
	})
	define("count", func(v ...interp.Value) int { return len(v) })
	define("native", interp.NativeFunc(func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		return interp.String("native"), nil
	}))
	define("idx", func(xs []int, i int) int { return xs[i] })
	define("noop", func() {})
	for _, bad := range []any{nil, 3, func() (int, int) { return 0, 0 }, func() (int, int, error) { return 0, 0, nil }} {
		if _, err := interp.NewGoFunc("bad", bad); err == nil {
			t.Errorf("NewGoFunc accepted %T", bad)
		}
	}
	got := runScript(t, in, out, `
println(add(2, 3))
println(greet(mapOf("name" to "Al", "address" to mapOf("city" to "Kyiv"))))
println(maybe(true))
try { maybe(false) } catch (e: NoSuchElementException) { println("caught $e") }
println(count() + count(1, "a", null))
println(native())
try { idx(listOf(1), 5) } catch (e: RuntimeException) { println(e) }
try { add(1) } catch (e: IllegalArgumentException) { println(e.message) }
try { add(1, "x") } catch (e: IllegalArgumentException) { println(e.message) }
println(noop())
`)
	want := `5
Al@Kyiv
address(city=Lima, postcode=)
caught java.util.NoSuchElementException: nothing
3
native
java.lang.RuntimeException: host function idx panicked: runtime error: index out of range [5] with length 1
add expects 2 arguments, got 1
add: argument 2: cannot convert String "x" to Go int
kotlin.Unit
`
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
}

func TestAssignGlobalAndThrow(t *testing.T) {
	in, out := newConvInterp(t)
	if err := in.AssignGlobal("limit", interp.Int(1)); err != nil {
		t.Fatal(err)
	}
	runScript(t, in, out, `
var counter = 0
fun read() = "$limit $counter"
fun f() = 1
val fixed = 5
val computed: Int get() = 2
`)
	for name, v := range map[string]interp.Value{"limit": interp.Int(2), "counter": interp.Int(9), "fixed": interp.Int(6)} {
		if err := in.AssignGlobal(name, v); err != nil {
			t.Errorf("AssignGlobal(%s): %v", name, err)
		}
	}
	fn, _ := in.LookupGlobal("read")
	co, _ := in.NewCoroutine(fn)
	if co.Run() != interp.Done || co.Result().AsString() != "2 9" {
		t.Errorf("read() = %v %v", co.Result(), co.Err())
	}
	for _, name := range []string{"f", "computed", "println", "bad name", ""} {
		if err := in.AssignGlobal(name, interp.Int(0)); err == nil {
			t.Errorf("AssignGlobal(%q) succeeded", name)
		} else if name == "f" && !errors.Is(err, interp.ErrReadOnlyGlobal) {
			t.Errorf("AssignGlobal(f) = %v", err)
		}
	}
	err := in.ToException(nil, interp.Throw("IOException", "x %d", 1))
	var exc *interp.Exception
	if !errors.As(err, &exc) || exc.Error() != "java.io.IOException: x 1" {
		t.Errorf("ToException(Throw) = %v", err)
	}
	if err := in.ToException(nil, errors.New("plain")); err.Error() != "java.lang.RuntimeException: plain" {
		t.Errorf("ToException(plain) = %v", err)
	}
	intr := &interp.Interrupted{Reason: "x"}
	if in.ToException(nil, intr) != intr || in.ToException(nil, exc) != exc || in.ToException(nil, nil) != nil {
		t.Error("ToException changed an exception or an interruption")
	}
	if in.IsInterrupted() {
		t.Error("interrupted")
	}
	in.Interrupt()
	if !in.IsInterrupted() {
		t.Error("not interrupted")
	}
	in.ClearInterrupt()
	if in.TickHook() == nil {
		t.Error("the standard library installed no tick hook")
	}
}

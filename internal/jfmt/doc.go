// Package jfmt reproduces, byte for byte, how the JVM (Kotlin on Java 17)
// turns numbers into text and text into numbers, so that ktcoro scripts
// print exactly what real Kotlin prints.
//
// It provides:
//
//   - [FormatDouble] and [FormatFloat]: Kotlin's Double.toString() and
//     Float.toString(). These emulate Java 17's
//     jdk.internal.math.FloatingDecimal digit generation, which is NOT
//     always the shortest round-tripping representation (for example
//     Java 17 prints 2^60+... integers with up to 19 digits, such as
//     "1.95964207423156019E18", and occasionally picks a digit string that
//     is not the closest one). Java 19 and later switched to the
//     Raffaello Giulietti shortest algorithm; this package follows Java 17.
//   - [Sprintf]: java.lang.String.format / Kotlin's "...".format(args),
//     including Java's error behaviour, reported as [*FormatError].
//   - [ParseDouble]: java.lang.Double.parseDouble / Kotlin String.toDouble.
//   - [FormatInt]: Integer.toString(v, radix) / Long.toString(v, radix).
//   - [StringHash], [DoubleHash], [FloatHash], [LongHash], [BoolHash]:
//     the hashCode() functions of the corresponding Java types.
//
// The expected values in this package's tests were produced by a real
// Java 17 JVM; see testdata/gen/Gen.java.
package jfmt

// Package jfmt reproduces, byte for byte, how the JVM (Kotlin on Java 17)
// turns numbers into text and text into numbers, so that ktcoro scripts
// print exactly what real Kotlin prints.
//
// It provides:
//
//   - [FormatDouble] and [FormatFloat]: Kotlin's Double.toString() and
//     Float.toString(). These emulate Java 17's
//     jdk.internal.math.FloatingDecimal digit generation, which is NOT
//     always the shortest round-tripping representation: 1e23 prints as
//     "9.999999999999999E22", integers in [2^53, 2^63) print with all
//     their digits (up to 19, e.g. "1.95964207423156019E18"), and a few
//     values get a digit string that is not the closest one. Java 19 and
//     later switched to Raffaello Giulietti's shortest algorithm; this
//     package follows Java 17.
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

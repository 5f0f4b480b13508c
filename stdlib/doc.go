// Package stdlib is ktcoro's Kotlin standard library: what scripts can
// call — printing and readLine, strings, numbers, collections,
// exceptions, kotlin.time, Thread/System shims, Random, Regex, atomics,
// delegates. Install adds it to an interp.Interp. kotlinx.coroutines
// (runBlocking, launch, async, delay, Job, Dispatchers, ...) and the
// coroutine runtime, with its threads and its lock, are package
// stdlib/coroutines, which is built on this one and installed after it;
// this package does not import it.
//
// # What Install adds
//
// Most built-ins are Go natives. The functions whose lambdas may suspend
// (repeat, forEach, map, filter, let, apply, use, ...) are written in the
// language itself, in an embedded prelude that the compiler loads on
// demand (the parts a file refers to), because a Go native cannot call a
// lambda that suspends without keeping a Go stack. A library built on
// this one adds preludes of its own to the same loader (AddPrelude). The
// package's initialisation and the first Install in the process also add
// methods to interp's core classes, which every interpreter shares.
//
// # What lives where
//
// Files are named after the Kotlin classes or concepts they implement.
// Collections: collections.go (the classes, factories such as listOf and
// mutableMapOf, shared helpers and the registration order),
// iterables.go (methods every iterable shares: toList, sum, sorted,
// joinToString, zip, ...), lists.go, arrays.go, sets.go, maps.go,
// sequences.go (lazy sequences and the sequence { } builder),
// sorting.go (sorting and Comparator), iterators.go and grouping.go.
// Text: strings.go (shared helpers and the registration order),
// charsequence.go (String and CharSequence methods), chars.go,
// stringbuilder.go, regex.go, text.go (the string algorithms) and
// text_format.go (parsing numbers and String.format). Numbers are in
// numbers.go; kotlin.time (Duration, DurationUnit, TimeSource) in
// duration.go.
//
// # Threads and time
//
// The few built-ins that need the coroutine runtime — the name of the
// current thread, Thread.sleep, and the clock of System.currentTimeMillis,
// System.nanoTime and measureTimeMillis — reach it through the Threads
// interface, which package stdlib/coroutines registers with SetThreads.
// Without it, scripts run on the thread "main" and read the wall clock.
//
// # Goroutine safety
//
// Natives run holding the interpreter's lock (the GIL of package
// stdlib/coroutines). The exported value types (Random, StringBuilder,
// the atomics, Regex, ...) are safe for the concurrent use scripts make
// of them. Install, AddPrelude and SetThreads belong to the set-up of an
// interpreter, before scripts run.
package stdlib

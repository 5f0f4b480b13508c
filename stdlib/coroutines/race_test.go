//go:build race

package coroutines_test

// raceEnabled tells that the tests run under the race detector.
const raceEnabled = true

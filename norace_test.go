//go:build !race

package ktcoro_test

const raceEnabled = false

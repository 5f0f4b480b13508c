package ktcoro_test

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// cappedTests are the adversarial tests of the embedding API that
// TestAdversarialUnderCap runs again in a child process whose address
// space is capped at 4 GiB: a script that escaped its limits would kill
// that child (the test then fails) instead of exhausting the machine.
const cappedTests = `^(TestAdversarialWalks|TestFromValueShared|TestMemoryLimits|TestNativeWorkCountsSteps|` +
	`TestCoroutineSteps|TestMemoryBudgetReleases|TestClose.*|TestInterrupt.*|TestThreadSleepStops|` +
	`TestReadLine.*|TestParseStops|TestNoPanicEscapes|TestNestedBuildersOverflow|TestRedeclaredGlobalReleased)$`

// TestAdversarialUnderCap runs cappedTests in a child test process under
// `ulimit -v 4194304`, as the issue of untrusted scripts asks: each must
// end with its expected error and leave the interpreter usable, within a
// bounded address space.
func TestAdversarialUnderCap(t *testing.T) {
	if os.Getenv("KTCORO_CAPPED") != "" {
		t.Skip("already the capped child")
	}
	if raceEnabled || runtime.GOOS == "windows" || testing.Short() {
		t.Skip("needs sh and ulimit -v; the race detector's shadow memory does not fit under the cap")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("needs sh")
	}
	cmd := exec.Command("sh", "-c", `ulimit -v 4194304 && exec "$0" -test.run "$1" -test.count 1 -test.v`, os.Args[0], cappedTests)
	cmd.Env = append(os.Environ(), "KTCORO_CAPPED=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the adversarial tests under a 4 GiB cap failed: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "--- PASS: Test"); n < 12 {
		t.Fatalf("the capped child ran %d tests, want the adversarial ones:\n%s", n, out)
	}
}

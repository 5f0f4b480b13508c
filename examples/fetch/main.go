// Command fetch runs the last chapter of the guided tour,
// examples/fetch/pipeline.kc: a concurrent "fetch many URLs" pipeline
// written against fetch(url), a suspending function that this Go
// program provides. Scripts have no network access of their own: what
// they can reach is what the host defines.
//
// The network is simulated, so that the output never changes: every URL
// has a fixed page (or a fixed failure) and a fixed latency, and the
// interpreter runs on its virtual clock (Options.VirtualTime), so a
// 25-second request takes no real time and the test is independent of the
// machine's speed.
//
// The host's API for scripts has two layers:
//
//   - Go functions: httpGet(url), a suspending one (DefineSuspend): the
//     calling coroutine suspends while the Go body runs on a goroutine of
//     its own, and resumes with the page or with an error, which the
//     script sees as a java.io.IOException; and latencyOf(url), a plain
//     one (Define);
//   - fetch(url), a small Kotlin function the host evaluates before the
//     script: it waits for the URL's latency with delay() and then calls
//     httpGet. The latency is a delay in Kotlin because a Go body cannot
//     wait on the interpreter's clock: while a suspending Go function is
//     working the virtual clock runs at real speed, so a time.Sleep in
//     httpGet would take real time (and make timeouts timing-dependent).
//
// The script is then evaluated with Eval, because Eval sees the globals
// of earlier Evals (fetch) while Compile checks a file against the Go
// definitions only; Eval does not call main, so Call does.
//
// Run it with `go run ./examples/fetch`.
package main

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ktcoro/ktcoro"
)

//go:embed pipeline.kc
var pipeline string

// hostAPI is the Kotlin part of the host's API, evaluated before the
// script (see the package comment).
const hostAPI = `import kotlinx.coroutines.*

// Fetches url from the (simulated) network: the request takes the
// URL's latency, then returns the page or throws java.io.IOException.
suspend fun fetch(url: String): String {
    delay(latencyOf(url))
    return httpGet(url)
}
`

// page is what the simulated server answers for one URL.
type page struct {
	latency time.Duration
	status  int    // 200, or an HTTP error status
	title   string // the page's <title>
	words   int    // how long the body is
}

// site is the simulated network, a slow one. The latencies are multiples
// of half a second, chosen so that in each part of the script no two
// requests end within half a second of each other: the coroutines resume
// in the same order on every run, even on a busy machine, where the
// virtual clock also counts the (real) time the interpreter works. The
// script rounds the times it prints down to half a second, for the same
// reason.
var site = map[string]page{
	"https://example.com/":        {1500 * time.Millisecond, 200, "Example Domain", 40},
	"https://example.com/news":    {4000 * time.Millisecond, 200, "News", 120},
	"https://example.com/about":   {1000 * time.Millisecond, 200, "About us", 25},
	"https://example.com/blog":    {3500 * time.Millisecond, 200, "Blog", 200},
	"https://example.com/missing": {2000 * time.Millisecond, 404, "", 0},
	"https://example.com/slow":    {25000 * time.Millisecond, 200, "Eventually", 10},
	"https://example.com/shop":    {3000 * time.Millisecond, 200, "Shop", 80},
	"https://example.com/contact": {500 * time.Millisecond, 200, "Contact", 15},
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fetch:", err)
		os.Exit(1)
	}
}

// run is the whole example; it writes what it shows to w.
func run(w io.Writer) error {
	ctx := context.Background()
	it, err := ktcoro.New(ktcoro.Options{
		Stdout:      w,
		Stderr:      w,
		VirtualTime: true,
		// a safety net: the script waits about a minute of virtual
		// time, which takes milliseconds of real time
		Limits: ktcoro.Limits{MaxWallTime: 30 * time.Second},
	})
	if err != nil {
		return err
	}
	defer it.Close()

	// latencyOf is a plain Go function: it runs on the script's thread,
	// so it must be quick.
	err = it.Define("latencyOf", func(url string) int64 {
		if p, ok := site[url]; ok {
			return p.latency.Milliseconds()
		}
		return 100 // the time it takes to find that the host does not exist
	})
	if err != nil {
		return err
	}

	// httpGet is a suspending Go function. A real host would make an
	// HTTP request with ctx here (ctx is cancelled when the calling
	// coroutine is); an error is thrown in the script, and ktcoro.Throw
	// picks its class.
	var requests, failures atomic.Int32
	err = it.DefineSuspend("httpGet", func(ctx context.Context, url string) (string, error) {
		requests.Add(1)
		p, ok := site[url]
		switch {
		case !ok:
			failures.Add(1)
			return "", ktcoro.Throw("java.io.IOException", "unknown host: %s", url)
		case p.status != 200:
			failures.Add(1)
			return "", ktcoro.Throw("java.io.IOException", "HTTP %d from %s", p.status, url)
		}
		body := strings.TrimSpace(strings.Repeat("lorem ipsum ", p.words/2))
		return fmt.Sprintf("<html><head><title>%s</title></head><body>%s</body></html>", p.title, body), nil
	})
	if err != nil {
		return err
	}

	if _, err := it.Eval(ctx, hostAPI); err != nil {
		return fmt.Errorf("host API: %w", err)
	}
	if _, err := it.Eval(ctx, pipeline); err != nil {
		return fmt.Errorf("pipeline.kc: %w", err)
	}
	if _, err := it.Call(ctx, "main"); err != nil {
		return fmt.Errorf("pipeline.kc: %w", err)
	}
	fmt.Fprintf(w, "host: the simulated network answered %d requests (%d of them with an error)\n",
		requests.Load(), failures.Load())
	return nil
}

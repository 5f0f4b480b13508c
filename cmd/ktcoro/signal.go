package main

import (
	"os"
	"os/signal"
	"syscall"

	"github.com/ktcoro/ktcoro/interp"
	"github.com/ktcoro/ktcoro/stdlib/coroutines"
)

// dumpOnSignal prints the coroutine dump on stderr whenever the process
// gets SIGQUIT (as the JVM prints its thread dump), instead of dying.
// It returns the function that stops listening.
func dumpOnSignal(in *interp.Interp) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGQUIT)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				in.Flush()
				os.Stderr.WriteString(coroutines.Dump(in))
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

package stdlib

import (
	_ "embed"

	"github.com/ktcoro/ktcoro/interp"
)

// preludeSrc is the part of the standard library written in the language
// itself (see prelude.kc).
//
//go:embed prelude.kc
var preludeSrc []byte

// preludeTime needs System (installed by another part of the library); it
// is compiled only when System exists.
const preludeTime = `
inline fun measureTimeMillis(block: () -> Unit): Long {
    val start = System.currentTimeMillis()
    block()
    return System.currentTimeMillis() - start
}
inline fun measureNanoTime(block: () -> Unit): Long {
    val start = System.nanoTime()
    block()
    return System.nanoTime() - start
}
`

// installPrelude compiles and runs the prelude into in. It must run after
// every native is defined: the prelude refers to them by name.
func installPrelude(in *interp.Interp) error {
	if err := runPrelude(in, "prelude.kc", preludeSrc); err != nil {
		return err
	}
	if _, ok := in.Lookup("System"); ok {
		return runPrelude(in, "prelude-time.kc", []byte(preludeTime))
	}
	return nil
}

func runPrelude(in *interp.Interp, name string, src []byte) error {
	p, err := in.Compile(name, src)
	if err != nil {
		return err
	}
	return in.Run(p)
}

// installCollectionsAndPrelude installs the collection natives, then the
// prelude.
func installCollectionsAndPrelude(in *interp.Interp) error {
	installCollections(in)
	return installPrelude(in)
}

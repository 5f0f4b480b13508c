package stdlib

import (
	"sync"

	"github.com/ktcoro/ktcoro/interp"
)

// LazyClass is kotlin.Lazy: the value of `lazy { ... }`, read through
// `value` or as a property delegate (`val x by lazy { ... }`).
var LazyClass = interp.NewClass("Lazy", "kotlin.Lazy", interp.AnyClass)

// lazyValue computes its initializer once, on first use.
type lazyValue struct {
	mu   sync.Mutex
	init interp.Value
	done bool
	v    interp.Value
}

func (*lazyValue) Class() *interp.Class { return LazyClass }

func (l *lazyValue) get(co *interp.Coroutine) (interp.Value, error) {
	l.mu.Lock()
	if l.done {
		v := l.v
		l.mu.Unlock()
		return v, nil
	}
	init := l.init
	l.mu.Unlock()
	v, err := co.CallSync(init)
	if err != nil {
		return interp.Null, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.v, l.done, l.init = v, true, interp.Null
	}
	return l.v, nil
}

// KString prints the value, or Kotlin's placeholder before the first use.
func (l *lazyValue) KString(co *interp.Coroutine) (string, error) {
	l.mu.Lock()
	done, v := l.done, l.v
	l.mu.Unlock()
	if !done {
		return "Lazy value not initialized yet.", nil
	}
	return co.ToString(v)
}

var lazyOnce sync.Once

func installLazy(in *interp.Interp) {
	lazyOnce.Do(func() {
		get := func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			return this.AsObject().(*lazyValue).get(co)
		}
		LazyClass.AddProp("value", get)
		LazyClass.AddMethod("getValue", get)
		LazyClass.AddMethod("isInitialized", func(co *interp.Coroutine, this interp.Value, _ []interp.Value) (interp.Value, error) {
			l := this.AsObject().(*lazyValue)
			l.mu.Lock()
			defer l.mu.Unlock()
			return interp.Bool(l.done), nil
		})
	})
	in.DefineType(LazyClass)
	in.DefineFunc("lazy", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		// lazy(mode) { } passes the mode first; the initializer is last
		return interp.Obj(&lazyValue{init: args[len(args)-1]}), nil
	})
	in.Define("LazyThreadSafetyMode", interp.Obj(lazyModes))
}

// lazyModes is LazyThreadSafetyMode; every mode behaves as SYNCHRONIZED.
var lazyModes = func() *interp.Class {
	c := interp.NewClass("LazyThreadSafetyMode", "kotlin.LazyThreadSafetyMode", interp.AnyClass)
	c.StaticProps = map[string]interp.Value{
		"SYNCHRONIZED": interp.String("SYNCHRONIZED"),
		"PUBLICATION":  interp.String("PUBLICATION"),
		"NONE":         interp.String("NONE"),
	}
	return c
}()

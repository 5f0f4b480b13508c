package stdlib

import (
	"github.com/ktcoro/ktcoro/interp"
)

func installIO(in *interp.Interp) {
	in.DefineFunc("println", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		s := ""
		if len(args) > 0 {
			var err error
			if s, err = co.ToString(args[0]); err != nil {
				return interp.Null, err
			}
		}
		in.WriteOut(s + "\n")
		return interp.Unit, nil
	})
	in.DefineFunc("print", func(co *interp.Coroutine, _ interp.Value, args []interp.Value) (interp.Value, error) {
		s, err := co.ToString(args[0])
		if err != nil {
			return interp.Null, err
		}
		in.WriteOut(s)
		return interp.Unit, nil
	})
}

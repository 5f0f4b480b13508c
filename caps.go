package ktcoro

import (
	"strconv"

	"github.com/ktcoro/ktcoro/interp"
)

// ExitError is what Eval, EvalFile, Run and Call return when the script
// called exitProcess(Code) or System.exit(Code) with Options.AllowExit
// set: the script stopped at once (its output flushed, no finally block
// run). The Interpreter stays usable.
type ExitError struct {
	Code int
}

// Error returns "ktcoro: script exited with status <code>".
func (e *ExitError) Error() string {
	return "ktcoro: script exited with status " + strconv.Itoa(e.Code)
}

// fileAccess is the interp grant of Options.FileRoot.
func (o *Options) fileAccess() *interp.FileAccess {
	if o.FileRoot == "" {
		return nil
	}
	return &interp.FileAccess{Root: o.FileRoot}
}

// exit is the interp's Options.Exit when AllowExit is set: the run in
// progress stops and returns an *ExitError.
func (it *Interpreter) exit(code int) error {
	err := &ExitError{Code: code}
	if rs := it.cur.Load(); rs != nil {
		rs.abort(err)
	}
	return &interp.Interrupted{Reason: err.Error()}
}

// Opt-in markers: the annotation classes programs name in @OptIn(...) and
// import (kotlin.ExperimentalStdlibApi, kotlin.time.ExperimentalTime, ...).
// Annotations do not change what a program does; the classes exist so
// that the imports and the class references resolve.

package stdlib

import (
	"strings"

	"github.com/ktcoro/ktcoro/interp"
)

// DefineAnnotations makes the annotation classes with the given qualified
// names known to in (by simple and qualified name), and their packages
// importable. Not safe once scripts run.
func DefineAnnotations(in *interp.Interp, qnames ...string) {
	for _, q := range qnames {
		i := strings.LastIndexByte(q, '.')
		in.DefineImport(q[:i])
		in.DefineType(interp.NewClass(q[i+1:], q, interp.AnyClass))
	}
}

func installOptIn(in *interp.Interp) {
	DefineAnnotations(in, "kotlin.ExperimentalStdlibApi", "kotlin.ExperimentalUnsignedTypes",
		"kotlin.ExperimentalMultiplatform", "kotlin.RequiresOptIn", "kotlin.OptIn",
		"kotlin.time.ExperimentalTime", "kotlin.contracts.ExperimentalContracts",
		"kotlin.experimental.ExperimentalTypeInference")
}

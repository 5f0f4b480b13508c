package parser

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/ktcoro/ktcoro/lang"
)

// sexpr renders a syntax tree compactly, leaving out positions and zero
// fields: (Binary Op="+" X=(Ident Name="a") Y=(IntLit Value=1 Raw="1")).
func sexpr(n any) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(n))
	return b.String()
}

var posType = reflect.TypeOf(lang.Pos{})
var atType = reflect.TypeOf(lang.At{})

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		dumpValue(b, v.Elem())
	case reflect.Struct:
		b.WriteString("(" + v.Type().Name())
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			ft := v.Type().Field(i)
			if ft.Type == posType || ft.Type == atType || f.IsZero() {
				continue
			}
			if ft.Type.Kind() == reflect.Slice && f.Len() == 0 && ft.Name != "Args" && ft.Name != "Members" {
				continue
			}
			b.WriteString(" " + ft.Name + "=")
			dumpValue(b, f)
		}
		b.WriteString(")")
	case reflect.Slice:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(" ")
			}
			dumpValue(b, v.Index(i))
		}
		b.WriteString("]")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}

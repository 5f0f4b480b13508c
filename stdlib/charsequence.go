package stdlib

import (
	"strings"
	"unicode"

	"github.com/ktcoro/ktcoro/internal/jfmt"
	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of CharSequence and String registered by
// initCharSequence*: length and indexing, substring, split, trim and pad,
// searching and replacing, case, element access and slicing, predicates,
// prefixes and suffixes, comparison, and conversions (toInt, toBoolean,
// format, ...).

// csMethod registers a CharSequence method receiving the receiver's text.
func csMethod(name string, fn func(co *interp.Coroutine, s string, args []kval) (kval, error), params ...string) {
	n := interp.CharSequenceClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		s, err := str(co, this)
		if err != nil {
			return vnull, err
		}
		if len(s) >= interp.WorkChunk {
			// most methods look at the whole text (for its UTF-16 view)
			if err := co.Work(len(s) / interp.WorkBytes); err != nil {
				return vnull, err
			}
		}
		return fn(co, s, args)
	})
	if len(params) > 0 {
		n.Params = params
	}
}

func strIndexErr(co *interp.Coroutine, i int) error {
	return co.Errorf("java.lang.StringIndexOutOfBoundsException", "String index out of range: %d", i)
}

func substringChecked(co *interp.Coroutine, s string, begin, end int) (kval, error) {
	n := u16len(s)
	if begin < 0 || end > n || begin > end {
		return vnull, co.Errorf("java.lang.StringIndexOutOfBoundsException", "begin %d, end %d, length %d", begin, end, n)
	}
	return interp.String(substr(s, begin, end)), nil
}

func rangeArg(v kval) (*interp.Range, bool) {
	r, ok := v.AsObject().(*interp.Range)
	return r, ok
}

// initCharSequenceBasics registers length, lastIndex, indices, get,
// substring, subSequence, split, lines, the trim family, padStart,
// padEnd and String.repeat.
func initCharSequenceBasics() {
	cs := interp.CharSequenceClass
	cs.AddProp("length", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		s, err := str(co, this)
		if err != nil {
			return vnull, err
		}
		v, err := co.View(s)
		if err != nil {
			return vnull, err
		}
		return interp.Int(int32(v.Len())), nil
	})
	cs.AddProp("lastIndex", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		s, err := str(co, this)
		return interp.Int(int32(u16len(s) - 1)), err
	})
	cs.AddProp("indices", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		s, err := str(co, this)
		return interp.RangeOf(0, int64(u16len(s)-1), 1, interp.KInt), err
	})
	csMethod("get", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		v, err := co.View(s)
		if err != nil {
			return vnull, err
		}
		i := int(args[0].AsInt())
		if i < 0 || i >= v.Len() {
			return vnull, strIndexErr(co, i)
		}
		return interp.Char(v.At(i)), nil
	})
	csMethod("length", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		v, err := co.View(s)
		if err != nil {
			return vnull, err
		}
		return interp.Int(int32(v.Len())), nil
	})
	csMethod("substring", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if r, ok := rangeArg(args[0]); ok {
			return substringChecked(co, s, int(r.First), int(r.Last)+1)
		}
		end := argInt(args, 1, u16len(s))
		return substringChecked(co, s, argInt(args, 0, 0), end)
	}, "startIndex", "endIndex")
	csMethod("subSequence", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if r, ok := rangeArg(args[0]); ok {
			return substringChecked(co, s, int(r.First), int(r.Last)+1)
		}
		return substringChecked(co, s, argInt(args, 0, 0), argInt(args, 1, u16len(s)))
	}, "startIndex", "endIndex")
	csMethod("split", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		var delims []string
		ignoreCase := false
		limit := 0
		var re *Regex
		for i, a := range args {
			switch a.Kind() {
			case interp.KString:
				delims = append(delims, a.AsString())
			case interp.KChar:
				delims = append(delims, charStr(a.AsChar()))
			case interp.KBool:
				ignoreCase = a.AsBool()
			case interp.KInt:
				limit = int(a.AsInt())
			case interp.KObject:
				if r, ok := a.AsObject().(*Regex); ok && i == 0 {
					re = r
				} else if l, ok := a.AsObject().(*interp.List); ok {
					for _, e := range l.Elems {
						x, err := strArg(co, e)
						if err != nil {
							return vnull, err
						}
						delims = append(delims, x)
					}
				}
			}
		}
		if limit < 0 {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Limit must be non-negative, but was %d", limit)
		}
		if re != nil {
			parts, err := re.split(co, s, limit)
			if err != nil {
				return vnull, err
			}
			return strList(co, parts)
		}
		if len(delims) == 0 {
			return strList(co, []string{s})
		}
		parts, err := splitStrings(co, s, delims, ignoreCase, limit)
		if err != nil {
			return vnull, err
		}
		return strList(co, parts)
	}, "delimiters", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "ignoreCase", "limit")
	csMethod("lines", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		lines, err := linesOf(co, s)
		if err != nil {
			return vnull, err
		}
		return strList(co, lines)
	})
	for _, name := range []string{"trim", "trimStart", "trimEnd"} {
		left, right := name != "trimEnd", name != "trimStart"
		csMethod(name, func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			if len(args) > 0 {
				if args[0].Kind() == interp.KChar || args[0].Kind() == interp.KString {
					// trim(vararg chars)
					var set []rune
					for _, a := range args {
						set = append(set, a.AsChar())
					}
					return interp.String(trimFunc(s, func(r rune) bool {
						for _, c := range set {
							if c == r {
								return true
							}
						}
						return false
					}, left, right)), nil
				}
				t, err := trimPred(co, s, args[0], left, right)
				return interp.String(t), err
			}
			return interp.String(trimFunc(s, isWhitespace, left, right)), nil
		})
	}
	pad := func(start bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			n := argInt(args, 0, 0)
			if n < 0 {
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Desired length %d is less than zero.", n)
			}
			c := ' '
			if !absent(args, 1) {
				c = args[1].AsChar()
			}
			l := u16len(s)
			if n <= l {
				return interp.String(s), nil
			}
			if err := allocText(co, len(s)); err != nil {
				return vnull, err
			}
			p, err := repeatText(co, charStr(c), n-l)
			if err != nil {
				return vnull, err
			}
			if start {
				return interp.String(p + s), nil
			}
			return interp.String(s + p), nil
		}
	}
	csMethod("padStart", pad(true), "length", "padChar")
	csMethod("padEnd", pad(false), "length", "padChar")
	// String.repeat only (not CharSequence): inside with(sb) { repeat(3) { } }
	// the implicit receiver must not capture the global repeat
	interp.StringClass.AddMethod("repeat", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		if len(args) == 2 && isCallable(args[1]) {
			// with("x") { repeat(n) { ... } }: the global repeat was meant
			g, ok := co.Interp().Lookup("repeat")
			if !ok {
				return vnull, co.Errorf("java.lang.NoSuchMethodError", "repeat")
			}
			return co.CallSync(g, args...)
		}
		n := argInt(args, 0, 0)
		if n < 0 {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Count 'n' must be non-negative, but was %d.", n)
		}
		r, err := repeatText(co, this.AsString(), n)
		return interp.String(r), err
	})
}

// initCharSequenceSearch registers replace, replaceFirst, contains,
// startsWith, endsWith, indexOf, lastIndexOf, indexOfFirst and
// indexOfLast.
func initCharSequenceSearch() {
	csMethod("replace", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if re, ok := args[0].AsObject().(*Regex); ok {
			return re.replace(co, s, args[1])
		}
		old, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		nw, err := strArg(co, args[1])
		if err != nil {
			return vnull, err
		}
		r, err := replaceAll(co, s, old, nw, argBool(args, 2, false))
		return interp.String(r), err
	}, "oldValue", "newValue", "ignoreCase")
	csMethod("replaceFirst", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if re, ok := args[0].AsObject().(*Regex); ok {
			return re.replaceFirst(co, s, args[1])
		}
		old, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		nw, err := strArg(co, args[1])
		if err != nil {
			return vnull, err
		}
		i := indexOf(s, old, 0, argBool(args, 2, false))
		if i < 0 {
			return interp.String(s), nil
		}
		end := i + len(old)
		if argBool(args, 2, false) {
			end, _ = matchIC(s, i, old)
		}
		return interp.String(s[:i] + nw + s[end:]), nil
	}, "oldValue", "newValue", "ignoreCase")
	csMethod("contains", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if re, ok := args[0].AsObject().(*Regex); ok {
			found, err := re.contains(co, s)
			return interp.Bool(found), err
		}
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		return interp.Bool(indexOf(s, t, 0, argBool(args, 1, false)) >= 0), nil
	}, "other", "ignoreCase")
	csMethod("startsWith", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		if !absent(args, 1) && args[1].Kind() == interp.KInt {
			// startsWith(prefix, startIndex, ignoreCase)
			i := int(args[1].AsInt())
			if i < 0 || i > u16len(s) {
				return interp.False, nil
			}
			return interp.Bool(hasPrefixIC(s[u16ToByte(s, i):], t, argBool(args, 2, false))), nil
		}
		return interp.Bool(hasPrefixIC(s, t, argBool(args, 1, false))), nil
	}, "prefix", "ignoreCase")
	csMethod("endsWith", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		return interp.Bool(hasSuffixIC(s, t, argBool(args, 1, false))), nil
	}, "suffix", "ignoreCase")
	csMethod("indexOf", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		from := argInt(args, 1, 0)
		if from < 0 {
			from = 0
		}
		if from > u16len(s) {
			return interp.Int(-1), nil
		}
		i := indexOf(s, t, u16ToByte(s, from), argBool(args, 2, false))
		return interp.Int(int32(byteToU16(s, i))), nil
	}, "string", "startIndex", "ignoreCase")
	csMethod("lastIndexOf", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		n := u16len(s)
		from := argInt(args, 1, n)
		if from < 0 {
			return interp.Int(-1), nil
		}
		if from > n {
			from = n
		}
		i := lastIndexOf(s, t, u16ToByte(s, from), argBool(args, 2, false))
		return interp.Int(int32(byteToU16(s, i))), nil
	}, "string", "startIndex", "ignoreCase")
	predIndex := func(last bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			u, errc := chars(co, s)
			if errc != nil {
				return vnull, errc
			}
			for k := range u {
				i := k
				if last {
					i = len(u) - 1 - k
				}
				ok, err := callPred(co, args[0], u[i])
				if err != nil {
					return vnull, err
				}
				if ok {
					return interp.Int(int32(i)), nil
				}
			}
			return interp.Int(-1), nil
		}
	}
	csMethod("indexOfFirst", predIndex(false))
	csMethod("indexOfLast", predIndex(true))
}

// initCharSequenceCase registers case mapping (uppercase, capitalize,
// replaceFirstChar, ...), reversed, trimIndent, trimMargin and the
// emptiness and blankness tests (isEmpty, isBlank, ifEmpty, ...).
func initCharSequenceCase() {
	csMethod("toUpperCase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(upperString(s)), nil
	})
	csMethod("uppercase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(upperString(s)), nil
	})
	csMethod("toLowerCase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(lowerString(s)), nil
	})
	csMethod("lowercase", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(lowerString(s)), nil
	})
	csMethod("capitalize", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s != "" {
			if c := charAt(s, 0); unicode.IsLower(c) {
				return interp.String(upperString(charStr(c)) + substr(s, 1, u16len(s))), nil
			}
		}
		return interp.String(s), nil
	})
	csMethod("decapitalize", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s != "" {
			if c := charAt(s, 0); unicode.IsUpper(c) {
				return interp.String(lowerString(charStr(c)) + substr(s, 1, u16len(s))), nil
			}
		}
		return interp.String(s), nil
	})
	csMethod("replaceFirstChar", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s == "" {
			return interp.String(s), nil
		}
		r, err := co.CallSync(args[0], interp.Char(charAt(s, 0)))
		if err != nil {
			return vnull, err
		}
		h, err := co.ToString(r)
		return interp.String(h + substr(s, 1, u16len(s))), err
	})
	csMethod("reversed", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if isASCII(s) {
			b := []byte(s)
			for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
				b[i], b[j] = b[j], b[i]
			}
			return interp.String(string(b)), nil
		}
		u := interp.UTF16Of(s)
		for i, j := 0, len(u)-1; i < j; i, j = i+1, j-1 {
			u[i], u[j] = u[j], u[i]
		}
		// keep surrogate pairs in order (StringBuilder.reverse does too)
		for i := 0; i+1 < len(u); i++ {
			if u[i] >= 0xDC00 && u[i] < 0xE000 && u[i+1] >= 0xD800 && u[i+1] < 0xDC00 {
				u[i], u[i+1] = u[i+1], u[i]
				i++
			}
		}
		return interp.String(fromU16(u)), nil
	})
	csMethod("trimIndent", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		r, err := trimIndent(co, s)
		return interp.String(r), err
	})
	csMethod("trimMargin", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p := "|"
		if !absent(args, 0) {
			p = args[0].AsString()
		}
		if isBlank(p) {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "marginPrefix must be non-blank string.")
		}
		r, err := trimMargin(co, s, p)
		return interp.String(r), err
	}, "marginPrefix")
	csMethod("isEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(s == ""), nil
	})
	csMethod("isNotEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(s != ""), nil
	})
	csMethod("isBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(isBlank(s)), nil
	})
	csMethod("isNotBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(!isBlank(s)), nil
	})
	csMethod("isNullOrEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(s == ""), nil
	})
	csMethod("isNullOrBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(isBlank(s)), nil
	})
	csMethod("orEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(s), nil
	})
	csMethod("ifEmpty", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if s == "" {
			return co.CallSync(args[0])
		}
		return interp.String(s), nil
	})
	csMethod("ifBlank", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if isBlank(s) {
			return co.CallSync(args[0])
		}
		return interp.String(s), nil
	})
}

// initCharSequenceElements registers the CharSequence methods over its
// chars: first/last/find, single, getOrNull, elementAt, toCharArray,
// toList, chunked, take/drop and their While forms, count, filter, all,
// any and none.
func initCharSequenceElements() {
	firstLast := func(last, orNull bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			u, errc := chars(co, s)
			if errc != nil {
				return vnull, errc
			}
			if len(args) > 0 {
				for k := range u {
					i := k
					if last {
						i = len(u) - 1 - k
					}
					ok, err := callPred(co, args[0], u[i])
					if err != nil {
						return vnull, err
					}
					if ok {
						return u[i], nil
					}
				}
				if orNull {
					return vnull, nil
				}
				return vnull, co.Errorf("java.util.NoSuchElementException", "Char sequence contains no character matching the predicate.")
			}
			if len(u) == 0 {
				if orNull {
					return vnull, nil
				}
				return vnull, co.Errorf("java.util.NoSuchElementException", "Char sequence is empty.")
			}
			if last {
				return u[len(u)-1], nil
			}
			return u[0], nil
		}
	}
	csMethod("first", firstLast(false, false))
	csMethod("last", firstLast(true, false))
	csMethod("firstOrNull", firstLast(false, true))
	csMethod("lastOrNull", firstLast(true, true))
	csMethod("find", firstLast(false, true))
	csMethod("findLast", firstLast(true, true))
	csMethod("single", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		u, errc := chars(co, s)
		if errc != nil {
			return vnull, errc
		}
		switch len(u) {
		case 0:
			return vnull, co.Errorf("java.util.NoSuchElementException", "Char sequence is empty.")
		case 1:
			return u[0], nil
		}
		return vnull, co.Errorf("java.lang.IllegalArgumentException", "Char sequence has more than one element.")
	})
	csMethod("getOrNull", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		if i < 0 || i >= u16len(s) {
			return vnull, nil
		}
		return interp.Char(charAt(s, i)), nil
	})
	csMethod("elementAt", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		i := int(args[0].AsInt())
		if i < 0 || i >= u16len(s) {
			return vnull, strIndexErr(co, i)
		}
		return interp.Char(charAt(s, i)), nil
	})
	csMethod("toCharArray", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		u, err := chars(co, s)
		if err != nil {
			return vnull, err
		}
		return interp.Obj(interp.NewTypedArray(interp.CharArrayClass, u)), nil
	})
	csMethod("toList", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		u, err := chars(co, s)
		if err != nil {
			return vnull, err
		}
		return interp.Obj(interp.NewList(u)), nil
	})
	csMethod("toMutableList", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		u, err := chars(co, s)
		if err != nil {
			return vnull, err
		}
		return interp.Obj(interp.NewList(u)), nil
	})
	csMethod("chunked", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		n := argInt(args, 0, 1)
		if n <= 0 {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "size %d must be greater than zero.", n)
		}
		l := u16len(s)
		if err := co.CheckAlloc(l/n+1, interp.ValueBytes+16); err != nil {
			return vnull, err
		}
		// substr would look at the whole text for every chunk
		ascii := isASCII(s)
		var u []uint16
		if !ascii {
			if err := co.CheckAlloc(l, 4); err != nil {
				return vnull, err
			}
			u = interp.UTF16Of(s)
		}
		out := make([]kval, 0, l/n+1)
		for i := 0; i < l; i += n {
			e := i + n
			if e > l {
				e = l
			}
			if err := co.WorkAt(len(out)); err != nil {
				return vnull, err
			}
			var v kval
			if ascii {
				v = interp.String(s[i:e])
			} else {
				v = interp.String(fromU16(u[i:e]))
			}
			if len(args) > 1 {
				var err error
				if v, err = co.CallSync(args[1], v); err != nil {
					return vnull, err
				}
			}
			out = append(out, v)
		}
		return interp.Obj(interp.NewList(out)), nil
	})
	takeDrop := func(name string) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			n := argInt(args, 0, 0)
			if n < 0 {
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Requested character count %d is less than zero.", n)
			}
			l := u16len(s)
			if n > l {
				n = l
			}
			switch name {
			case "take":
				return interp.String(substr(s, 0, n)), nil
			case "drop":
				return interp.String(substr(s, n, l)), nil
			case "takeLast":
				return interp.String(substr(s, l-n, l)), nil
			}
			return interp.String(substr(s, 0, l-n)), nil
		}
	}
	for _, name := range []string{"take", "drop", "takeLast", "dropLast"} {
		csMethod(name, takeDrop(name))
	}
	predSlice := func(name string) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			u, errc := chars(co, s)
			if errc != nil {
				return vnull, errc
			}
			n := 0
			switch name {
			case "takeWhile", "dropWhile":
				for n < len(u) {
					ok, err := callPred(co, args[0], u[n])
					if err != nil {
						return vnull, err
					}
					if !ok {
						break
					}
					n++
				}
				if name == "takeWhile" {
					return interp.String(substr(s, 0, n)), nil
				}
				return interp.String(substr(s, n, len(u))), nil
			}
			n = len(u)
			for n > 0 {
				ok, err := callPred(co, args[0], u[n-1])
				if err != nil {
					return vnull, err
				}
				if !ok {
					break
				}
				n--
			}
			if name == "takeLastWhile" {
				return interp.String(substr(s, n, len(u))), nil
			}
			return interp.String(substr(s, 0, n)), nil
		}
	}
	for _, name := range []string{"takeWhile", "dropWhile", "takeLastWhile", "dropLastWhile"} {
		csMethod(name, predSlice(name))
	}
	csMethod("count", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if len(args) == 0 {
			return interp.Int(int32(u16len(s))), nil
		}
		n := 0
		cs, errc := chars(co, s)
		if errc != nil {
			return vnull, errc
		}
		for _, c := range cs {
			ok, err := callPred(co, args[0], c)
			if err != nil {
				return vnull, err
			}
			if ok {
				n++
			}
		}
		return interp.Int(int32(n)), nil
	})
	filter := func(not bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			var out []uint16
			cs, errc := chars(co, s)
			if errc != nil {
				return vnull, errc
			}
			for _, c := range cs {
				ok, err := callPred(co, args[0], c)
				if err != nil {
					return vnull, err
				}
				if ok != not {
					out = append(out, uint16(c.AsChar()))
				}
			}
			return interp.String(fromU16(out)), nil
		}
	}
	csMethod("filter", filter(false))
	csMethod("filterNot", filter(true))
	quant := func(kind string) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			if len(args) == 0 {
				switch kind {
				case "any":
					return interp.Bool(s != ""), nil
				case "none":
					return interp.Bool(s == ""), nil
				}
				return interp.True, nil
			}
			cs, errc := chars(co, s)
			if errc != nil {
				return vnull, errc
			}
			for _, c := range cs {
				ok, err := callPred(co, args[0], c)
				if err != nil {
					return vnull, err
				}
				switch {
				case kind == "all" && !ok:
					return interp.False, nil
				case kind == "any" && ok:
					return interp.True, nil
				case kind == "none" && ok:
					return interp.False, nil
				}
			}
			return interp.Bool(kind != "any"), nil
		}
	}
	for _, k := range []string{"all", "any", "none"} {
		csMethod(k, quant(k))
	}
}

// spliceRange is removeRange (replace 0) and replaceRange (replace 1) of
// s: the indices are (range) or (startIndex, endIndex), the replacement
// comes after them.
func spliceRange(co *interp.Coroutine, s string, args []kval, replace int) (kval, error) {
	var start, end, next int
	if r, ok := rangeArg(args[0]); ok {
		start, end, next = int(r.First), int(r.Last)+1, 1
	} else {
		start, end, next = argInt(args, 0, 0), argInt(args, 1, 0), 2
	}
	repl := ""
	if replace > 0 && next < len(args) {
		var err error
		if repl, err = co.ToString(args[next]); err != nil {
			return vnull, err
		}
	}
	if end < start {
		return vnull, co.Errorf("java.lang.IndexOutOfBoundsException", "End index (%d) is less than start index (%d).", end, start)
	}
	// the messages of StringBuilder.append(s, 0, start), then (s, end, n)
	n := u16len(s)
	if start < 0 || start > n {
		return vnull, co.Errorf("java.lang.IndexOutOfBoundsException", "start 0, end %d, length %d", start, n)
	}
	if end > n {
		return vnull, co.Errorf("java.lang.IndexOutOfBoundsException", "start %d, end %d, length %d", end, n, n)
	}
	return interp.String(substr(s, 0, start) + repl + substr(s, end, n)), nil
}

// initCharSequenceAffixes registers removeRange, replaceRange, removePrefix, removeSuffix,
// removeSurrounding, the substringBefore/After family, toRegex, matches
// and commonPrefixWith.
func initCharSequenceAffixes() {
	csMethod("removeRange", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return spliceRange(co, s, args, 0)
	}, "startIndex", "endIndex")
	csMethod("replaceRange", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return spliceRange(co, s, args, 1)
	}, "startIndex", "endIndex", "replacement")
	csMethod("removePrefix", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p, err := strArg(co, args[0])
		return interp.String(strings.TrimPrefix(s, p)), err
	})
	csMethod("removeSuffix", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p, err := strArg(co, args[0])
		return interp.String(strings.TrimSuffix(s, p)), err
	})
	csMethod("removeSurrounding", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		p, err := strArg(co, args[0])
		if err != nil {
			return vnull, err
		}
		q := p
		if len(args) > 1 {
			if q, err = strArg(co, args[1]); err != nil {
				return vnull, err
			}
		}
		if len(s) >= len(p)+len(q) && strings.HasPrefix(s, p) && strings.HasSuffix(s, q) {
			return interp.String(s[len(p) : len(s)-len(q)]), nil
		}
		return interp.String(s), nil
	})
	substrBA := func(after, last bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			d, err := strArg(co, args[0])
			if err != nil {
				return vnull, err
			}
			def := s
			if len(args) > 1 {
				if def, err = str(co, args[1]); err != nil {
					return vnull, err
				}
			}
			var i int
			if last {
				i = strings.LastIndex(s, d)
			} else {
				i = strings.Index(s, d)
			}
			if i < 0 {
				return interp.String(def), nil
			}
			if after {
				return interp.String(s[i+len(d):]), nil
			}
			return interp.String(s[:i]), nil
		}
	}
	csMethod("substringBefore", substrBA(false, false))
	csMethod("substringAfter", substrBA(true, false))
	csMethod("substringBeforeLast", substrBA(false, true))
	csMethod("substringAfterLast", substrBA(true, true))
	csMethod("toRegex", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return newRegex(co, s, args)
	})
	csMethod("matches", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		re, err := regexOf(co, args[0])
		if err != nil {
			return vnull, err
		}
		ok, err := re.matches(co, s)
		return interp.Bool(ok), err
	})
	csMethod("commonPrefixWith", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		a, err := chars(co, s)
		if err != nil {
			return vnull, err
		}
		b, err := chars(co, t)
		if err != nil {
			return vnull, err
		}
		n := 0
		for n < len(a) && n < len(b) && a[n].AsChar() == b[n].AsChar() {
			n++
		}
		return interp.String(substr(s, 0, n)), nil
	})
}

// initCharSequenceConversions registers toSet, iterator, toString,
// hashCode, compareTo, equals, plus, the toInt/toDouble/... parsers,
// toBoolean, format and encodeToByteArray.
func initCharSequenceConversions() {
	csMethod("toSet", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		m := interp.NewMap(interp.LinkedSetClass)
		cs, errc := chars(co, s)
		if errc != nil {
			return vnull, errc
		}
		for _, c := range cs {
			if _, _, err := m.Put(co, c, interp.Unit); err != nil {
				return vnull, err
			}
		}
		return interp.Obj(m), nil
	})
	csMethod("iterator", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		it, err := co.Iterator(interp.String(s))
		return interp.Obj(it), err
	})
	csMethod("toString", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.String(s), nil
	})
	csMethod("hashCode", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Int(jfmt.StringHash(s)), nil
	})
	csMethod("compareTo", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		if argBool(args, 1, false) {
			return interp.Int(int32(compareIC(s, t))), nil
		}
		return interp.Int(int32(compareU16(s, t))), nil
	}, "other", "ignoreCase")
	csMethod("equals", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if args[0].Kind() == interp.KNull {
			return interp.False, nil
		}
		if args[0].Kind() != interp.KString {
			if _, ok := args[0].AsObject().(*StringBuilder); !ok || !argBool(args, 1, false) {
				return interp.False, nil
			}
		}
		t, err := str(co, args[0])
		if err != nil {
			return vnull, err
		}
		if argBool(args, 1, false) {
			return interp.Bool(u16len(s) == u16len(t) && hasPrefixIC(s, t, true)), nil
		}
		return interp.Bool(s == t), nil
	}, "other", "ignoreCase")
	csMethod("plus", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		t, err := co.ToString(args[0])
		return interp.String(s + t), err
	})
	parse := func(kind string, orNull bool) func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return func(co *interp.Coroutine, s string, args []kval) (kval, error) {
			radix := argInt(args, 0, 10)
			if err := checkRadix(co, radix); err != nil {
				return vnull, err
			}
			switch kind {
			case "Int", "Long", "Short", "Byte":
				bits := map[string]int{"Int": 32, "Long": 64, "Short": 32, "Byte": 32}[kind]
				n, ok := parseIntJava(s, radix, bits)
				if ok && kind == "Short" && (n < -32768 || n > 32767) {
					ok = false
				}
				if ok && kind == "Byte" && (n < -128 || n > 127) {
					ok = false
				}
				if !ok {
					if orNull {
						return vnull, nil
					}
					if kind == "Short" || kind == "Byte" {
						if _, ok := parseIntJava(s, radix, 32); ok {
							return vnull, co.Errorf("java.lang.NumberFormatException",
								"Value out of range. Value:\"%s\" Radix:%d", s, radix)
						}
					}
					return vnull, numberFormat(co, s, radix)
				}
				if kind == "Long" {
					return interp.Long(n), nil
				}
				return interp.Int(int32(n)), nil
			}
			f, ok := jfmt.ParseDouble(s)
			if !ok {
				if orNull {
					return vnull, nil
				}
				return vnull, doubleError(co, s)
			}
			if kind == "Float" {
				return interp.Float(float32(f)), nil
			}
			return interp.Double(f), nil
		}
	}
	for _, k := range []string{"Int", "Long", "Short", "Byte", "Double", "Float"} {
		csMethod("to"+k, parse(k, false))
		csMethod("to"+k+"OrNull", parse(k, true))
	}
	csMethod("toBoolean", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return interp.Bool(strings.EqualFold(s, "true")), nil
	})
	csMethod("toBooleanStrict", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		switch s {
		case "true":
			return interp.True, nil
		case "false":
			return interp.False, nil
		}
		return vnull, co.Errorf("java.lang.IllegalArgumentException", "The string doesn't represent a boolean value: %s", s)
	})
	csMethod("toBooleanStrictOrNull", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		switch s {
		case "true":
			return interp.True, nil
		case "false":
			return interp.False, nil
		}
		return vnull, nil
	})
	csMethod("format", func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		return format(co, s, spreadArgs(args))
	})
	// the UTF-8 bytes (toByteArray's charset, if given, is taken as UTF-8)
	encode := func(co *interp.Coroutine, s string, args []kval) (kval, error) {
		if err := allocValues(co, len(s)); err != nil {
			return vnull, err
		}
		out := make([]kval, len(s))
		for i := 0; i < len(s); i++ {
			out[i] = interp.Byte(int8(s[i]))
			if err := co.WorkAt(i); err != nil {
				return vnull, err
			}
		}
		return interp.Obj(interp.NewTypedArray(interp.ByteArrayClass, out)), nil
	}
	csMethod("encodeToByteArray", encode)
	csMethod("toByteArray", encode)
}

func compareU16(a, b string) int {
	if isASCII(a) && isASCII(b) {
		return asciiCompare(a, b)
	}
	ua, ub := interp.UTF16Of(a), interp.UTF16Of(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// asciiCompare is String.compareTo: the difference of the first differing
// characters, or of the lengths.
func asciiCompare(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return len(a) - len(b)
}

// compareIC is String.compareToIgnoreCase.
func compareIC(a, b string) int {
	ua, ub := interp.UTF16Of(a), interp.UTF16Of(b)
	for i := 0; i < len(ua) && i < len(ub); i++ {
		x, y := rune(ua[i]), rune(ub[i])
		if x != y {
			x, y = toUpperChar(x), toUpperChar(y)
			if x != y {
				x, y = toLowerChar(x), toLowerChar(y)
				if x != y {
					return int(x) - int(y)
				}
			}
		}
	}
	return len(ua) - len(ub)
}

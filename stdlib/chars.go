package stdlib

import (
	"unicode"

	"github.com/ktcoro/ktcoro/interp"
)

// This file holds the methods of Char (isDigit, isLetter, uppercase,
// digitToInt, code, ...).

func charMethod(name string, fn func(co *interp.Coroutine, c rune, args []kval) (kval, error)) *interp.Native {
	return interp.CharClass.AddMethod(name, func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		return fn(co, this.AsChar(), args)
	})
}

func charPred(name string, p func(rune) bool) {
	charMethod(name, func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Bool(p(c)), nil
	})
}

func initChar() {
	isLetter := func(c rune) bool { return c < 0xD800 || c >= 0xE000 && unicode.IsLetter(c) }
	charPred("isDigit", func(c rune) bool { return unicode.IsDigit(c) })
	charPred("isLetter", func(c rune) bool { return isLetter(c) && unicode.IsLetter(c) })
	charPred("isLetterOrDigit", func(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) })
	charPred("isWhitespace", isWhitespace)
	charPred("isUpperCase", func(c rune) bool { return unicode.IsUpper(c) })
	charPred("isLowerCase", func(c rune) bool { return unicode.IsLower(c) })
	charPred("isTitleCase", func(c rune) bool { return unicode.IsTitle(c) })
	charPred("isISOControl", func(c rune) bool { return c <= 0x1F || (c >= 0x7F && c <= 0x9F) })
	charPred("isSurrogate", func(c rune) bool { return c >= 0xD800 && c < 0xE000 })
	charPred("isHighSurrogate", func(c rune) bool { return c >= 0xD800 && c < 0xDC00 })
	charPred("isLowSurrogate", func(c rune) bool { return c >= 0xDC00 && c < 0xE000 })
	charPred("isDefined", func(c rune) bool { return !unicode.Is(unicode.Cn, c) })
	upper := func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(toUpperChar(c)), nil
	}
	lower := func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(toLowerChar(c)), nil
	}
	charMethod("toUpperCase", upper)
	charMethod("uppercaseChar", upper)
	charMethod("toLowerCase", lower)
	charMethod("lowercaseChar", lower)
	charMethod("titlecaseChar", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(unicode.ToTitle(c)), nil
	})
	charMethod("uppercase", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(upperString(charStr(c))), nil
	})
	charMethod("lowercase", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(lowerString(charStr(c))), nil
	})
	charMethod("titlecase", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(string(unicode.ToTitle(c))), nil
	})
	interp.CharClass.AddProp("code", func(co *interp.Coroutine, this kval, _ []kval) (kval, error) {
		return interp.Int(int32(this.AsChar())), nil
	})
	conv := map[string]func(c rune) kval{
		"toInt":    func(c rune) kval { return interp.Int(int32(c)) },
		"toLong":   func(c rune) kval { return interp.Long(int64(c)) },
		"toShort":  func(c rune) kval { return interp.Short(int16(c)) },
		"toByte":   func(c rune) kval { return interp.Byte(int8(c)) },
		"toDouble": func(c rune) kval { return interp.Double(float64(c)) },
		"toFloat":  func(c rune) kval { return interp.Float(float32(c)) },
		"toChar":   func(c rune) kval { return interp.Char(c) },
	}
	for name, f := range conv {
		f := f
		charMethod(name, func(co *interp.Coroutine, c rune, args []kval) (kval, error) { return f(c), nil })
	}
	digit := func(orNull bool) func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
			radix := argInt(args, 0, 10)
			if err := checkRadix(co, radix); err != nil {
				return vnull, err
			}
			d := digitOf(c, radix)
			if d < 0 {
				if orNull {
					return vnull, nil
				}
				if radix == 10 {
					return vnull, co.Errorf("java.lang.IllegalArgumentException", "Char %s is not a decimal digit", charStr(c))
				}
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Char %s is not a digit in the given radix=%d", charStr(c), radix)
			}
			return interp.Int(int32(d)), nil
		}
	}
	charMethod("digitToInt", digit(false))
	charMethod("digitToIntOrNull", digit(true))
	// Int.digitToChar(radix): the digit's Char, lowercase past 9
	interp.IntClass.AddMethod("digitToChar", func(co *interp.Coroutine, this kval, args []kval) (kval, error) {
		d, radix := int(this.AsInt()), argInt(args, 0, 10)
		if radix < 2 || radix > 36 {
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Invalid radix: %d. Valid radix values are in range 2..36", radix)
		}
		if d < 0 || d >= radix {
			if radix == 10 {
				return vnull, co.Errorf("java.lang.IllegalArgumentException", "Int %d is not a decimal digit", d)
			}
			return vnull, co.Errorf("java.lang.IllegalArgumentException", "Digit %d does not represent a valid digit in radix %d", d, radix)
		}
		return interp.Char(rune("0123456789abcdefghijklmnopqrstuvwxyz"[d])), nil
	})
	charMethod("toString", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.String(charStr(c)), nil
	})
	charMethod("compareTo", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Int(int32(c) - int32(args[0].AsChar())), nil
	})
	charMethod("equals", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		if args[0].Kind() != interp.KChar {
			return interp.False, nil
		}
		if argBool(args, 1, false) {
			return interp.Bool(charEqIC(c, args[0].AsChar())), nil
		}
		return interp.Bool(c == args[0].AsChar()), nil
	}).Params = []string{"other", "ignoreCase"}
	charMethod("plus", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		if args[0].Kind() == interp.KString {
			return interp.String(charStr(c) + args[0].AsString()), nil
		}
		return co.Arith(interp.ADD, interp.Char(c), args[0])
	})
	charMethod("minus", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return co.Arith(interp.SUB, interp.Char(c), args[0])
	})
	charMethod("inc", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(rune(uint16(c + 1))), nil
	})
	charMethod("dec", func(co *interp.Coroutine, c rune, args []kval) (kval, error) {
		return interp.Char(rune(uint16(c - 1))), nil
	})
	interp.CharClass.StaticProps = map[string]kval{
		"MIN_VALUE":          interp.Char(0),
		"MAX_VALUE":          interp.Char(0xFFFF),
		"MIN_HIGH_SURROGATE": interp.Char(0xD800),
		"MAX_HIGH_SURROGATE": interp.Char(0xDBFF),
		"MIN_LOW_SURROGATE":  interp.Char(0xDC00),
		"MAX_LOW_SURROGATE":  interp.Char(0xDFFF),
		"MIN_SURROGATE":      interp.Char(0xD800),
		"MAX_SURROGATE":      interp.Char(0xDFFF),
		"SIZE_BYTES":         interp.Int(2),
		"SIZE_BITS":          interp.Int(16),
	}
}

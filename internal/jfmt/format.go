package jfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Char is a Kotlin Char (a UTF-16 code unit) passed to [Sprintf]. It maps
// to java.lang.Character: %c prints it, %d rejects it.
type Char rune

// ClassNamer may be implemented by [Sprintf] arguments other than the
// built-in kinds to report their Java/Kotlin class name (for example
// "kotlin.collections.ArrayList" or "Point") in IllegalFormatConversion
// messages. Values that do not implement it are reported as
// "java.lang.Object".
type ClassNamer interface {
	JavaClassName() string
}

// Hasher may be implemented by [Sprintf] arguments other than the built-in
// kinds to provide their hashCode() for the %h conversion.
type Hasher interface {
	HashCode() int32
}

// FormatError is the error returned by [Sprintf]. Class is the fully
// qualified name of the exception Java throws (all are subclasses of
// java.lang.IllegalArgumentException, except
// java.lang.UnsupportedOperationException for conversions this package
// does not implement), and Message is its getMessage(), for example
//
//	java.util.MissingFormatArgumentException: Format specifier '%s'
//	java.util.IllegalFormatConversionException: d != java.lang.Double
//	java.util.UnknownFormatConversionException: Conversion = 'q'
type FormatError struct {
	Class   string
	Message string
}

// Error returns "Class: Message", like Java's Throwable.toString.
func (e *FormatError) Error() string { return e.Class + ": " + e.Message }

func ferr(class, msg string) *FormatError {
	return &FormatError{Class: "java.util." + class, Message: msg}
}

// Formatter flags (java.util.Formatter.Flags).
const (
	flLeft   = 1 << 0 // '-'
	flUpper  = 1 << 1 // '^' (internal)
	flAlt    = 1 << 2 // '#'
	flPlus   = 1 << 3 // '+'
	flSpace  = 1 << 4 // ' '
	flZero   = 1 << 5 // '0'
	flGroup  = 1 << 6 // ','
	flParen  = 1 << 7 // '('
	flPrev   = 1 << 8 // '<'
	flagsSet = "-^#+ 0,(<"
)

func flagsString(f int) string {
	var b []byte
	for i := 0; i < len(flagsSet); i++ {
		if f&(1<<i) != 0 {
			b = append(b, flagsSet[i])
		}
	}
	return string(b)
}

func flagOf(c byte) int {
	switch c {
	case '-':
		return flLeft
	case '#':
		return flAlt
	case '+':
		return flPlus
	case ' ':
		return flSpace
	case '0':
		return flZero
	case ',':
		return flGroup
	case '(':
		return flParen
	case '<':
		return flPrev
	}
	return 0
}

// spec is one element of a parsed format string: fixed text or a format
// specifier.
type spec struct {
	lit   string
	isLit bool
	index int // -2: no argument, -1: previous ('<'), 0: ordinary, >0: explicit
	flags int
	width int // -1 if absent
	prec  int // -1 if absent
	conv  byte
	dt    bool
}

// String reproduces FormatSpecifier.toString, used in exception messages.
func (s *spec) String() string {
	var b strings.Builder
	b.WriteByte('%')
	b.WriteString(flagsString(s.flags &^ flUpper))
	if s.index > 0 {
		b.WriteString(strconv.Itoa(s.index))
		b.WriteByte('$')
	}
	if s.width != -1 {
		b.WriteString(strconv.Itoa(s.width))
	}
	if s.prec != -1 {
		b.WriteByte('.')
		b.WriteString(strconv.Itoa(s.prec))
	}
	up := s.flags&flUpper != 0
	if s.dt {
		if up {
			b.WriteByte('T')
		} else {
			b.WriteByte('t')
		}
	}
	c := s.conv
	if up && c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	b.WriteByte(c)
	return b.String()
}

func isValidConv(c byte) bool {
	switch c {
	case 'b', 'B', 's', 'S', 'h', 'H', 'c', 'C', 'd', 'o', 'x', 'X',
		'e', 'E', 'g', 'G', 'f', 'a', 'A', 'n', '%':
		return true
	}
	return false
}

func isDateTimeConv(c byte) bool {
	return strings.IndexByte("HIklMNLQpsSTzZaAbBCdejhmyYrRcDF", c) >= 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// parseInt32 parses a decimal digit string like Integer.parseInt, reporting
// overflow.
func parseInt32(s string) (int, bool) {
	v, err := strconv.ParseInt(s, 10, 32)
	return int(v), err == nil
}

// parseFormat splits the format string like Formatter.parse, including its
// validation of each specifier.
func parseFormat(s string) ([]spec, error) {
	var out []spec
	n := len(s)
	i := 0
	for i < n {
		k := strings.IndexByte(s[i:], '%')
		if k < 0 {
			out = append(out, spec{lit: s[i:], isLit: true, index: -2})
			break
		}
		if k > 0 {
			out = append(out, spec{lit: s[i : i+k], isLit: true, index: -2})
		}
		p := i + k
		i = p + 1
		if i >= n {
			return nil, ferr("UnknownFormatConversionException", "Conversion = '%'")
		}
		c := s[i]
		if isValidConv(c) {
			sp := spec{width: -1, prec: -1, conv: c}
			if c >= 'A' && c <= 'Z' {
				sp.flags = flUpper
				sp.conv = c + ('a' - 'A')
			}
			if c == 'n' || c == '%' {
				sp.index = -2
			}
			out = append(out, sp)
			i++
			continue
		}
		sp, end, err := parseSpec(s, p)
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
		i = end
	}
	return out, nil
}

// parseSpec matches %(\d+\$)?([-#+ 0,(\<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])
// at s[p] and builds the specifier like FormatSpecifier(String, Matcher).
func parseSpec(s string, p int) (spec, int, error) {
	n := len(s)
	j := p + 1
	idxStr := ""
	k := j
	for k < n && isDigit(s[k]) {
		k++
	}
	if k > j && k < n && s[k] == '$' {
		idxStr = s[j:k]
		j = k + 1
	}
	fs := j
	for j < n && strings.IndexByte("-#+ 0,(<", s[j]) >= 0 {
		j++
	}
	flagStr := s[fs:j]
	ws := j
	for j < n && isDigit(s[j]) {
		j++
	}
	widthStr := s[ws:j]
	precStr := ""
	if j+1 < n && s[j] == '.' && isDigit(s[j+1]) {
		ps := j + 1
		j += 2
		for j < n && isDigit(s[j]) {
			j++
		}
		precStr = s[ps:j]
	}
	dt := false
	var conv byte
	switch {
	case j+1 < n && (s[j] == 't' || s[j] == 'T') && (isLetter(s[j+1]) || s[j+1] == '%'):
		dt = true
		conv = s[j+1]
		j += 2
	case j < n && (isLetter(s[j]) || s[j] == '%'):
		conv = s[j]
		j++
	default:
		r, _ := utf8.DecodeRuneInString(s[p+1:])
		return spec{}, 0, ferr("UnknownFormatConversionException", "Conversion = '"+string(r)+"'")
	}

	sp := spec{width: -1, prec: -1, dt: dt, conv: conv}
	if idxStr != "" {
		v, ok := parseInt32(idxStr)
		if !ok {
			return sp, 0, ferr("IllegalFormatArgumentIndexException", "Format argument index: (not representable as int)")
		}
		if v <= 0 {
			return sp, 0, ferr("IllegalFormatArgumentIndexException", "Illegal format argument index = "+strconv.Itoa(v))
		}
		sp.index = v
	}
	for i := 0; i < len(flagStr); i++ {
		f := flagOf(flagStr[i])
		if sp.flags&f != 0 {
			return sp, 0, ferr("DuplicateFormatFlagsException", "Flags = '"+flagsString(f)+"'")
		}
		sp.flags |= f
	}
	if sp.flags&flPrev != 0 {
		sp.index = -1
	}
	if widthStr != "" {
		v, ok := parseInt32(widthStr)
		if !ok {
			return sp, 0, ferr("IllegalFormatWidthException", strconv.Itoa(math.MinInt32))
		}
		sp.width = v
	}
	if precStr != "" {
		v, ok := parseInt32(precStr)
		if !ok {
			return sp, 0, ferr("IllegalFormatPrecisionException", strconv.Itoa(math.MinInt32))
		}
		sp.prec = v
	}
	if dt && s[j-2] == 'T' {
		sp.flags |= flUpper
	}
	if !dt {
		if !isValidConv(conv) {
			return sp, 0, ferr("UnknownFormatConversionException", "Conversion = '"+string(conv)+"'")
		}
		if conv >= 'A' && conv <= 'Z' {
			sp.flags |= flUpper
			sp.conv = conv + ('a' - 'A')
		}
		if conv == 'n' || conv == '%' {
			sp.index = -2
		}
	}
	if err := sp.check(); err != nil {
		return sp, 0, err
	}
	return sp, j, nil
}

func (s *spec) mismatch(f int) error {
	return ferr("FormatFlagsConversionMismatchException",
		"Conversion = "+string(s.conv)+", Flags = "+flagsString(f))
}

func (s *spec) checkBadFlags(fs ...int) error {
	for _, f := range fs {
		if s.flags&f != 0 {
			return s.mismatch(f)
		}
	}
	return nil
}

func (s *spec) missingWidth() error {
	return ferr("MissingFormatWidthException", s.String())
}

func (s *spec) check() error {
	c := s.conv
	switch {
	case s.dt:
		if s.prec != -1 {
			return ferr("IllegalFormatPrecisionException", strconv.Itoa(s.prec))
		}
		if !isDateTimeConv(c) {
			return ferr("UnknownFormatConversionException", "Conversion = 't"+string(c)+"'")
		}
		if err := s.checkBadFlags(flAlt, flPlus, flSpace, flZero, flGroup, flParen); err != nil {
			return err
		}
		if s.width == -1 && s.flags&flLeft != 0 {
			return s.missingWidth()
		}
	case c == 'b' || c == 's' || c == 'h':
		if (c == 'b' || c == 'h') && s.flags&flAlt != 0 {
			return s.mismatch(flAlt)
		}
		if s.width == -1 && s.flags&flLeft != 0 {
			return s.missingWidth()
		}
		return s.checkBadFlags(flPlus, flSpace, flZero, flGroup, flParen)
	case c == 'c':
		if s.prec != -1 {
			return ferr("IllegalFormatPrecisionException", strconv.Itoa(s.prec))
		}
		if err := s.checkBadFlags(flAlt, flPlus, flSpace, flZero, flGroup, flParen); err != nil {
			return err
		}
		if s.width == -1 && s.flags&flLeft != 0 {
			return s.missingWidth()
		}
	case c == 'd' || c == 'o' || c == 'x':
		if err := s.checkNumeric(); err != nil {
			return err
		}
		if s.prec != -1 {
			return ferr("IllegalFormatPrecisionException", strconv.Itoa(s.prec))
		}
		if c == 'd' {
			return s.checkBadFlags(flAlt)
		}
		return s.checkBadFlags(flGroup)
	case c == 'e' || c == 'g' || c == 'f' || c == 'a':
		if err := s.checkNumeric(); err != nil {
			return err
		}
		switch c {
		case 'a':
			return s.checkBadFlags(flParen, flGroup)
		case 'e':
			return s.checkBadFlags(flGroup)
		case 'g':
			return s.checkBadFlags(flAlt)
		}
	case c == '%':
		if s.prec != -1 {
			return ferr("IllegalFormatPrecisionException", strconv.Itoa(s.prec))
		}
		if s.flags != flLeft && s.flags != 0 {
			return ferr("IllegalFormatFlagsException", "Flags = '"+flagsString(s.flags)+"'")
		}
		if s.width == -1 && s.flags&flLeft != 0 {
			return s.missingWidth()
		}
	case c == 'n':
		if s.prec != -1 {
			return ferr("IllegalFormatPrecisionException", strconv.Itoa(s.prec))
		}
		if s.width != -1 {
			return ferr("IllegalFormatWidthException", strconv.Itoa(s.width))
		}
		if s.flags != 0 {
			return ferr("IllegalFormatFlagsException", "Flags = '"+flagsString(s.flags)+"'")
		}
	}
	return nil
}

func (s *spec) checkNumeric() error {
	if s.width == -1 && s.flags&(flLeft|flZero) != 0 {
		return s.missingWidth()
	}
	if s.flags&(flPlus|flSpace) == flPlus|flSpace || s.flags&(flLeft|flZero) == flLeft|flZero {
		return ferr("IllegalFormatFlagsException", "Flags = '"+flagsString(s.flags)+"'")
	}
	return nil
}

// Sprintf implements java.lang.String.format(format, args) (Kotlin's
// "...".format(args)) in the US/ROOT locale, as on Java 17.
//
// The arguments stand for Kotlin values: int32 (Int), int64 (Long), int16
// (Short), int8 (Byte), float64 (Double), float32 (Float), [Char], string,
// bool, nil (null) and any other value, whose Kotlin toString() must be its
// String() method ([fmt.Stringer]); other Go values are shown with
// fmt.Sprint. A plain Go int is treated as a Long.
//
// Supported: %b %B %h %H %s %S %c %C %d %o %x %X %e %E %f %g %G %a %A %n
// %%, the flags - # + space 0 , ( <, width, precision and explicit argument
// indices (%2$s). Java's rounding is reproduced: %e, %f and %g round the
// decimal digits of Double.toString-like conversion half-up, so
// "%.2f" of 1.005 is "1.01" and of 0.125 is "0.13". Float arguments are
// widened to Double first, as Java does. Date/time conversions (%t, %T)
// are not supported and yield a java.lang.UnsupportedOperationException.
//
// Errors are returned as *[FormatError] carrying the Java exception class
// and message; as in Java, the whole format string is validated before any
// argument is formatted.
func Sprintf(format string, args []any) (string, error) {
	return SprintfReserve(format, args, nil)
}

// reserveMin is the width plus precision from which a specifier's output
// is reserved before it is printed (see SprintfReserve).
const reserveMin = 1024

// SprintfReserve is Sprintf with a check of the memory a wide or precise
// specifier is about to take ("%2147483647d", "%.1000000000f"): before
// printing one whose width plus precision reaches a thousand characters,
// it calls reserve with a bound of the bytes the output (and its copy
// into the result) will then take, and returns reserve's error if it
// fails. reserve may be nil.
func SprintfReserve(format string, args []any, reserve func(n int) error) (string, error) {
	specs, err := parseFormat(format)
	if err != nil {
		return "", err
	}
	var b []byte
	last, lasto := -1, -1
	for i := range specs {
		s := &specs[i]
		if s.isLit {
			b = append(b, s.lit...)
			continue
		}
		var arg any
		switch {
		case s.index == -2:
		case s.index == -1:
			if last < 0 || last > len(args)-1 {
				return "", ferr("MissingFormatArgumentException", "Format specifier '"+s.String()+"'")
			}
			arg = args[last]
		case s.index == 0:
			lasto++
			last = lasto
			if lasto > len(args)-1 {
				return "", ferr("MissingFormatArgumentException", "Format specifier '"+s.String()+"'")
			}
			arg = args[lasto]
		default:
			last = s.index - 1
			if last > len(args)-1 {
				return "", ferr("MissingFormatArgumentException", "Format specifier '"+s.String()+"'")
			}
			arg = args[last]
		}
		if reserve != nil {
			if n := max(s.width, 0) + max(s.prec, 0); n >= reserveMin {
				if err := reserve(2 * (len(b) + n + 64)); err != nil {
					return "", err
				}
			}
		}
		b, err = s.print(b, arg)
		if err != nil {
			return "", err
		}
	}
	return string(b), nil
}

// javaClassName returns the name of the Java class of a Kotlin value.
func javaClassName(arg any) string {
	switch v := arg.(type) {
	case int32:
		return "java.lang.Integer"
	case int64, int:
		return "java.lang.Long"
	case int16:
		return "java.lang.Short"
	case int8:
		return "java.lang.Byte"
	case float64:
		return "java.lang.Double"
	case float32:
		return "java.lang.Float"
	case Char:
		return "java.lang.Character"
	case string:
		return "java.lang.String"
	case bool:
		return "java.lang.Boolean"
	case ClassNamer:
		return v.JavaClassName()
	}
	return "java.lang.Object"
}

// kotlinString returns the Kotlin toString() of a value.
func kotlinString(arg any) string {
	switch v := arg.(type) {
	case nil:
		return "null"
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case int:
		return strconv.Itoa(v)
	case int16:
		return strconv.FormatInt(int64(v), 10)
	case int8:
		return strconv.FormatInt(int64(v), 10)
	case float64:
		return FormatDouble(v)
	case float32:
		return FormatFloat(v)
	case Char:
		return string(rune(v))
	case string:
		return v
	case bool:
		if v {
			return "true"
		}
		return "false"
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(arg)
}

func (s *spec) failConversion(arg any) error {
	return ferr("IllegalFormatConversionException", string(s.conv)+" != "+javaClassName(arg))
}

func (s *spec) print(b []byte, arg any) ([]byte, error) {
	if s.dt {
		if arg == nil {
			return s.printString(b, "null"), nil
		}
		return nil, &FormatError{Class: "java.lang.UnsupportedOperationException",
			Message: "date/time conversion " + s.String() + " is not supported by ktcoro"}
	}
	switch s.conv {
	case 'd', 'o', 'x':
		return s.printInteger(b, arg)
	case 'e', 'g', 'f', 'a':
		return s.printFloat(b, arg)
	case 'c':
		return s.printChar(b, arg)
	case 'b':
		switch v := arg.(type) {
		case nil:
			return s.printString(b, "false"), nil
		case bool:
			return s.printString(b, kotlinString(v)), nil
		}
		return s.printString(b, "true"), nil
	case 's':
		if s.flags&flAlt != 0 {
			return nil, s.mismatch(flAlt)
		}
		return s.printString(b, kotlinString(arg)), nil
	case 'h':
		if arg == nil {
			return s.printString(b, "null"), nil
		}
		h, err := hashOf(arg)
		if err != nil {
			return nil, err
		}
		return s.printString(b, strconv.FormatUint(uint64(uint32(h)), 16)), nil
	case 'n':
		return append(b, '\n'), nil
	case '%':
		return s.printString(b, "%"), nil
	}
	return nil, ferr("UnknownFormatConversionException", "Conversion = '"+string(s.conv)+"'")
}

func hashOf(arg any) (int32, error) {
	switch v := arg.(type) {
	case int32:
		return v, nil
	case int64:
		return LongHash(v), nil
	case int:
		return LongHash(int64(v)), nil
	case int16:
		return int32(v), nil
	case int8:
		return int32(v), nil
	case float64:
		return DoubleHash(v), nil
	case float32:
		return FloatHash(v), nil
	case Char:
		return int32(v), nil
	case string:
		return StringHash(v), nil
	case bool:
		return BoolHash(v), nil
	case Hasher:
		return v.HashCode(), nil
	}
	return 0, &FormatError{Class: "java.lang.UnsupportedOperationException",
		Message: "%h of " + javaClassName(arg) + " is not supported by ktcoro"}
}

// utf16Len returns the length of s in UTF-16 code units (Java's
// String.length()).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xffff {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// utf16Prefix returns the first n UTF-16 code units of s. A surrogate pair
// cut in half becomes U+FFFD, the lone surrogate Java would keep having no
// UTF-8 form.
func utf16Prefix(s string, n int) string {
	k := 0
	for i, r := range s {
		w := 1
		if r > 0xffff {
			w = 2
		}
		if k+w > n {
			if k < n {
				return s[:i] + "\uFFFD"
			}
			return s[:i]
		}
		k += w
	}
	return s
}

// toUpperJava approximates String.toUpperCase(Locale.ROOT): simple case
// mapping plus the most common one-to-many mapping ß -> SS.
func toUpperJava(s string) string {
	if strings.ContainsRune(s, 'ß') {
		s = strings.ReplaceAll(s, "ß", "SS")
	}
	return strings.Map(unicode.ToUpper, s)
}

// printString is Formatter's print(String): precision truncation,
// upper-casing and justification.
func (s *spec) printString(b []byte, str string) []byte {
	if s.prec != -1 && s.prec < utf16Len(str) {
		str = utf16Prefix(str, s.prec)
	}
	if s.flags&flUpper != 0 {
		str = toUpperJava(str)
	}
	return s.justify(b, str)
}

// justify is Formatter's appendJustified.
func (s *spec) justify(b []byte, str string) []byte {
	if s.width == -1 {
		return append(b, str...)
	}
	pad := s.width - utf16Len(str)
	if s.flags&flLeft != 0 {
		b = append(b, str...)
	}
	for i := 0; i < pad; i++ {
		b = append(b, ' ')
	}
	if s.flags&flLeft == 0 {
		b = append(b, str...)
	}
	return b
}

func (s *spec) printChar(b []byte, arg any) ([]byte, error) {
	var cp int64
	switch v := arg.(type) {
	case nil:
		return s.printString(b, "null"), nil
	case Char:
		return s.printString(b, string(rune(v))), nil
	case int8:
		cp = int64(v)
	case int16:
		cp = int64(v)
	case int32:
		cp = int64(v)
	default:
		return nil, s.failConversion(arg)
	}
	if cp < 0 || cp > unicode.MaxRune {
		return nil, ferr("IllegalFormatCodePointException",
			"Code point = 0x"+strconv.FormatUint(uint64(uint32(cp)), 16))
	}
	return s.printString(b, string(rune(cp))), nil
}

func (s *spec) printInteger(b []byte, arg any) ([]byte, error) {
	var v int64
	switch a := arg.(type) {
	case nil:
		return s.printString(b, "null"), nil
	case int8:
		v = int64(a)
		if v < 0 && s.conv != 'd' {
			v += 1 << 8
		}
	case int16:
		v = int64(a)
		if v < 0 && s.conv != 'd' {
			v += 1 << 16
		}
	case int32:
		v = int64(a)
		if v < 0 && s.conv != 'd' {
			v += 1 << 32
		}
	case int64:
		v = a
	case int:
		v = int64(a)
	default:
		return nil, s.failConversion(arg)
	}
	var sb []byte
	switch s.conv {
	case 'd':
		neg := v < 0
		str := strconv.FormatInt(v, 10)
		sb = s.leadingSign(sb, neg)
		off := 0
		if neg {
			off = 1
		}
		sb = s.localizedMagnitude(sb, str, off, s.adjustWidth(s.width, neg))
		sb = s.trailingSign(sb, neg)
	default:
		if err := s.checkBadFlags(flParen, flSpace, flPlus); err != nil {
			return nil, err
		}
		var str string
		var prefix string
		if s.conv == 'o' {
			str = strconv.FormatUint(uint64(v), 8)
			prefix = "0"
		} else {
			str = strconv.FormatUint(uint64(v), 16)
			prefix = "0x"
			if s.flags&flUpper != 0 {
				prefix = "0X"
				str = strings.ToUpper(str)
			}
		}
		n := len(str)
		if s.flags&flAlt != 0 {
			n += len(prefix)
			sb = append(sb, prefix...)
		}
		if s.flags&flZero != 0 {
			for i := n; i < s.width; i++ {
				sb = append(sb, '0')
			}
		}
		sb = append(sb, str...)
	}
	return s.justify(b, string(sb)), nil
}

func (s *spec) leadingSign(sb []byte, neg bool) []byte {
	if !neg {
		if s.flags&flPlus != 0 {
			return append(sb, '+')
		}
		if s.flags&flSpace != 0 {
			return append(sb, ' ')
		}
		return sb
	}
	if s.flags&flParen != 0 {
		return append(sb, '(')
	}
	return append(sb, '-')
}

func (s *spec) trailingSign(sb []byte, neg bool) []byte {
	if neg && s.flags&flParen != 0 {
		return append(sb, ')')
	}
	return sb
}

func (s *spec) adjustWidth(w int, neg bool) int {
	if w != -1 && neg && s.flags&flParen != 0 {
		return w - 1
	}
	return w
}

// localizedMagnitude appends the digits value[off:] with grouping
// separators (',' every 3 integer digits when the ',' flag is set), then
// applies zero padding so that the whole of sb is width long.
func (s *spec) localizedMagnitude(sb []byte, value string, off, width int) []byte {
	begin := len(sb)
	dot := strings.IndexByte(value[off:], '.')
	if dot < 0 {
		dot = len(value)
	} else {
		dot += off
	}
	group := s.flags&flGroup != 0
	for j := off; j < len(value); j++ {
		if j == dot {
			sb = append(sb, '.')
			group = false
			continue
		}
		sb = append(sb, value[j])
		if group && j != dot-1 && (dot-j)%3 == 1 {
			sb = append(sb, ',')
		}
	}
	if width > len(sb) && s.flags&flZero != 0 {
		pad := width - len(sb)
		sb = append(sb, make([]byte, pad)...)
		copy(sb[begin+pad:], sb[begin:len(sb)-pad])
		for i := begin; i < begin+pad; i++ {
			sb[i] = '0'
		}
	}
	return sb
}

func (s *spec) printFloat(b []byte, arg any) ([]byte, error) {
	var v float64
	switch a := arg.(type) {
	case nil:
		return s.printString(b, "null"), nil
	case float32:
		v = float64(a)
	case float64:
		v = a
	default:
		return nil, s.failConversion(arg)
	}
	up := s.flags&flUpper != 0
	var sb []byte
	if math.IsNaN(v) {
		if up {
			sb = append(sb, "NAN"...)
		} else {
			sb = append(sb, "NaN"...)
		}
		return s.justify(b, string(sb)), nil
	}
	neg := v < 0 || (v == 0 && math.Signbit(v))
	av := math.Abs(v)
	sb = s.leadingSign(sb, neg)
	if math.IsInf(av, 0) {
		if up {
			sb = append(sb, "INFINITY"...)
		} else {
			sb = append(sb, "Infinity"...)
		}
	} else {
		sb = s.printFinite(sb, av, neg)
	}
	sb = s.trailingSign(sb, neg)
	return s.justify(b, string(sb)), nil
}

func (s *spec) printFinite(sb []byte, v float64, neg bool) []byte {
	up := s.flags&flUpper != 0
	switch s.conv {
	case 'e':
		prec := s.prec
		if prec == -1 {
			prec = 6
		}
		fd := newFFD(v, prec, formScientific)
		mant := addZeros(fd.mant, prec)
		if s.flags&flAlt != 0 && prec == 0 {
			mant = append(mant, '.')
		}
		exp := fd.exp
		if v == 0 {
			exp = []byte("+00")
		}
		w := s.width
		if w != -1 {
			w = s.adjustWidth(w-len(exp)-1, neg)
		}
		sb = s.localizedMagnitude(sb, string(mant), 0, w)
		if up {
			sb = append(sb, 'E')
		} else {
			sb = append(sb, 'e')
		}
		return append(sb, exp...)
	case 'f':
		prec := s.prec
		if prec == -1 {
			prec = 6
		}
		fd := newFFD(v, prec, formDecimal)
		mant := addZeros(fd.mant, prec)
		if s.flags&flAlt != 0 && prec == 0 {
			mant = append(mant, '.')
		}
		return s.localizedMagnitude(sb, string(mant), 0, s.adjustWidth(s.width, neg))
	case 'g':
		prec := s.prec
		if prec == -1 {
			prec = 6
		} else if prec == 0 {
			prec = 1
		}
		var mant, exp []byte
		expRounded := 0
		if v == 0 {
			mant = []byte{'0'}
		} else {
			fd := newFFD(v, prec, formGeneral)
			mant, exp = fd.mant, fd.exp
			expRounded = fd.decExp - 1
		}
		if exp != nil {
			prec--
		} else {
			prec -= expRounded + 1
		}
		mant = addZeros(mant, prec)
		if s.flags&flAlt != 0 && prec == 0 {
			mant = append(mant, '.')
		}
		w := s.width
		if w != -1 {
			if exp != nil {
				w = s.adjustWidth(w-len(exp)-1, neg)
			} else {
				w = s.adjustWidth(w, neg)
			}
		}
		sb = s.localizedMagnitude(sb, string(mant), 0, w)
		if exp != nil {
			if up {
				sb = append(sb, 'E')
			} else {
				sb = append(sb, 'e')
			}
			sb = append(sb, exp...)
		}
		return sb
	case 'a':
		prec := s.prec
		if prec == -1 {
			prec = 0
		} else if prec == 0 {
			prec = 1
		}
		hs := hexDouble(v, prec)
		if up {
			sb = append(sb, "0X"...)
		} else {
			sb = append(sb, "0x"...)
		}
		if s.flags&flZero != 0 {
			lead := 2
			if s.flags&(flSpace|flPlus) != 0 || neg {
				lead = 3
			}
			for i := len(hs) + lead; i < s.width; i++ {
				sb = append(sb, '0')
			}
		}
		idx := strings.IndexByte(hs, 'p')
		va := []byte(hs[:idx])
		if up {
			va = []byte(strings.ToUpper(string(va)))
		}
		if prec != 0 {
			va = addZeros(va, prec)
		}
		sb = append(sb, va...)
		if up {
			sb = append(sb, 'P')
		} else {
			sb = append(sb, 'p')
		}
		return append(sb, hs[idx+1:]...)
	}
	return sb
}

// addZeros pads the fraction of mant with zeros to prec digits, adding the
// decimal point if needed (Formatter.addZeros).
func addZeros(mant []byte, prec int) []byte {
	i := 0
	for i < len(mant) && mant[i] != '.' {
		i++
	}
	needDot := i == len(mant)
	outPrec := len(mant) - i
	if !needDot {
		outPrec--
	}
	if outPrec == prec {
		return mant
	}
	if needDot {
		mant = append(mant, '.')
	}
	for k := outPrec; k < prec; k++ {
		mant = append(mant, '0')
	}
	return mant
}

// Forms of jdk.internal.math.FormattedFloatingDecimal.
const (
	formScientific = iota
	formDecimal
	formGeneral
)

// ffd emulates FormattedFloatingDecimal for a finite v >= 0: the digits
// of FloatingDecimal (developed in non-"compatible" mode) rounded half-up
// to the requested precision.
type ffd struct {
	mant   []byte
	exp    []byte // nil for decimal layouts
	decExp int    // decimal exponent after rounding
}

func newFFD(v float64, prec, form int) ffd {
	var j jdigits
	if v == 0 {
		j.d[0] = '0'
		j.n = 1
		j.exp = 0
	} else {
		j.setDouble(math.Float64bits(v), false)
	}
	digits := j.d[:j.n]
	var r ffd
	switch form {
	case formDecimal:
		e := applyPrecision(j.exp, digits, j.exp+prec)
		r.mant = fillDecimal(prec, digits, e)
		r.decExp = e
	case formScientific:
		e := applyPrecision(j.exp, digits, prec+1)
		r.mant, r.exp = fillScientific(prec, digits, e)
		r.decExp = e
	case formGeneral:
		e := applyPrecision(j.exp, digits, prec)
		if e-1 < -4 || e-1 >= prec {
			r.mant, r.exp = fillScientific(prec-1, digits, e)
		} else {
			r.mant = fillDecimal(prec-e, digits, e)
		}
		r.decExp = e
	}
	return r
}

// applyPrecision rounds digits half-up to prec digits in place (keeping
// their number, zero-filled) and returns the new decimal exponent.
func applyPrecision(decExp int, digits []byte, prec int) int {
	n := len(digits)
	if prec >= n || prec < 0 {
		return decExp
	}
	if prec == 0 {
		if digits[0] >= '5' {
			digits[0] = '1'
			for i := 1; i < n; i++ {
				digits[i] = '0'
			}
			return decExp + 1
		}
		for i := range digits {
			digits[i] = '0'
		}
		return decExp
	}
	if digits[prec] >= '5' {
		i := prec - 1
		q := digits[i]
		if q == '9' {
			for q == '9' && i > 0 {
				i--
				q = digits[i]
			}
			if q == '9' {
				digits[0] = '1'
				for k := 1; k < n; k++ {
					digits[k] = '0'
				}
				return decExp + 1
			}
		}
		digits[i] = q + 1
		for k := i + 1; k < n; k++ {
			digits[k] = '0'
		}
	} else {
		for k := prec; k < n; k++ {
			digits[k] = '0'
		}
	}
	return decExp
}

func fillDecimal(prec int, digits []byte, exp int) []byte {
	n := len(digits)
	var m []byte
	if exp > 0 {
		if n < exp {
			m = append(m, digits...)
			for i := n; i < exp; i++ {
				m = append(m, '0')
			}
			return m
		}
		t := min(n-exp, prec)
		m = append(m, digits[:exp]...)
		if t > 0 {
			m = append(m, '.')
			m = append(m, digits[exp:exp+t]...)
		}
		return m
	}
	zeros := max(0, min(-exp, prec))
	t := max(0, min(n, prec+exp))
	if zeros > 0 || t > 0 {
		m = append(m, '0', '.')
		for i := 0; i < zeros; i++ {
			m = append(m, '0')
		}
		return append(m, digits[:t]...)
	}
	return append(m, '0')
}

func fillScientific(prec int, digits []byte, exp int) (mant, expo []byte) {
	t := max(0, min(len(digits)-1, prec))
	mant = append(mant, digits[0])
	if t > 0 {
		mant = append(mant, '.')
		mant = append(mant, digits[1:1+t]...)
	}
	var e int
	if exp <= 0 {
		expo = append(expo, '-')
		e = -exp + 1
	} else {
		expo = append(expo, '+')
		e = exp - 1
	}
	if e <= 9 {
		expo = append(expo, '0')
	}
	return mant, strconv.AppendInt(expo, int64(e), 10)
}

// toHexString returns Double.toHexString(d) for finite d >= 0.
func toHexString(d float64) string {
	if d == 0 {
		return "0x0.0p0"
	}
	b := math.Float64bits(d)
	sub := b>>52 == 0
	signif := b & signifMask
	hs := strconv.FormatUint(signif|1<<52, 16)[1:] // 13 hex digits
	hs = strings.TrimRight(hs, "0")
	if hs == "" {
		hs = "0"
	}
	if sub {
		return "0x0." + hs + "p-1022"
	}
	return "0x1." + hs + "p" + strconv.Itoa(int(b>>52)-1023)
}

// hexDouble is Formatter.hexDouble for finite d >= 0 (result without
// the "0x" prefix).
func hexDouble(d float64, prec int) string {
	if d == 0 || prec == 0 || prec >= 13 {
		return toHexString(d)[2:]
	}
	sub := math.Float64bits(d)>>52 == 0
	if sub {
		d *= 1 << 54
	}
	precision := 1 + prec*4
	shift := 53 - precision
	doppel := math.Float64bits(d)
	newSignif := (doppel & (0x7ff<<52 | signifMask)) >> uint(shift)
	roundingBits := doppel & ^(^uint64(0) << uint(shift))
	leastZero := newSignif&1 == 0
	round := (uint64(1)<<uint(shift-1))&roundingBits != 0
	sticky := shift > 1 && (^(uint64(1)<<uint(shift-1)))&roundingBits != 0
	if (leastZero && round && sticky) || (!leastZero && round) {
		newSignif++
	}
	newSignif = (doppel & (1 << 63)) | newSignif<<uint(shift)
	result := math.Float64frombits(newSignif)
	if math.IsInf(result, 0) {
		return "1.0p1024"
	}
	res := toHexString(result)[2:]
	if !sub {
		return res
	}
	idx := strings.IndexByte(res, 'p')
	e, _ := strconv.Atoi(res[idx+1:])
	return res[:idx] + "p" + strconv.Itoa(e-54)
}

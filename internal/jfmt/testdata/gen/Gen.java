// Gen produces the golden files in internal/jfmt/testdata from a real JVM.
// It is not part of the Go build. Regenerate with Java 17 (the version
// whose output jfmt reproduces):
//
//	cd internal/jfmt/testdata/gen
//	javac -d /tmp/jfmtgen Gen.java
//	J="java -Duser.language=en -Duser.country=US -cp /tmp/jfmtgen Gen"
//	$J doubles 4000 > ../doubles.txt
//	$J floats 3000 > ../floats.txt
//	$J format < format_cases.txt > ../format.txt
//	$J fmtrandom 3000 > ../format_random.txt
//	$J parse < parse_cases.txt > ../parse.txt
//	$J parserandom 2000 >> ../parse.txt
//	$J misc > ../misc.txt
//
// "stress N seed" and "fstress N seed" print N random doubles/floats for
// large local comparisons (not committed).
import java.util.*;
import java.io.*;

public class Gen {
    static PrintStream out;

    public static void main(String[] a) throws Exception {
        out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, "UTF-8");
        switch (a[0]) {
            case "doubles" -> doubles(Integer.parseInt(a[1]), 1, true);
            case "floats" -> floats(Integer.parseInt(a[1]), 2, true);
            case "stress" -> doubles(Integer.parseInt(a[1]), Long.parseLong(a[2]), false);
            case "fstress" -> floats(Integer.parseInt(a[1]), Long.parseLong(a[2]), false);
            case "format" -> format();
            case "fmtrandom" -> fmtRandom(Integer.parseInt(a[1]));
            case "parse" -> parse();
            case "parserandom" -> parseRandom(Integer.parseInt(a[1]));
            case "misc" -> misc();
            default -> throw new IllegalArgumentException(a[0]);
        }
        out.flush();
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') sb.append("\\\\");
            else if (c == '\t') sb.append("\\t");
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    static String unesc(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') { sb.append(c); continue; }
            char n = s.charAt(++i);
            switch (n) {
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case 'u' -> { sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16)); i += 4; }
                default -> throw new IllegalArgumentException(s);
            }
        }
        return sb.toString();
    }

    // ---- Double.toString / Float.toString ----

    static double randomDouble(Random r) {
        switch (r.nextInt(8)) {
            case 0: return Double.longBitsToDouble(r.nextLong());
            case 1: return r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            case 2: return (double) r.nextInt(2000000) / Math.pow(10, r.nextInt(12));
            case 3: return (double) (r.nextLong() >> r.nextInt(64));
            case 4: return Double.longBitsToDouble(r.nextLong() & 0x000fffffffffffffL >>> r.nextInt(52));
            case 5: { long m = r.nextInt(1 << 20); return Math.scalb((double) m, r.nextInt(200) - 100); }
            case 6: return Double.parseDouble((r.nextInt(99999) + 1) + "e" + (r.nextInt(640) - 330));
            default: return r.nextGaussian() * 1000;
        }
    }

    static List<Double> doubleEdges() {
        List<Double> l = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 0.3, 1.5, 100.0,
            1e7, 9999999.0, 9999999.999999998, 1e-3, 0.00099999999999999, 9.999999999999998E-4, 1e10, 1e-5,
            -1.5e-7, 12345678.0, 1.2345678e7, 123456789.0, Math.PI, Math.E, 2.0 / 3, 1.0 / 3,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_VALUE), 2e-323, 1.0E23, 2.0E23, 9.007199254740992E15,
            9.007199254740993E15, 1.8014398509481984E16, 4.611686018427388E18, 9.223372036854776E18,
            1.0E19, 1.0E21, 1.0E22, 5e-324, 2.2250738585072014E-308, 1.9596420742315602E18,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.5, 0.25, 0.125, 1.005, 2.675,
            1e100, 1e-100, 1e300, 1e-300, 123.456, 3.14, 2.5, 1234567.0, 0.001, 0.01));
        for (int e = -325; e <= 309; e++) {
            double p = Double.parseDouble("1e" + e);
            l.add(p); l.add(Math.nextUp(p)); l.add(Math.nextDown(p));
        }
        for (int e = -1074; e <= 1023; e++) l.add(Math.scalb(1.0, e));
        for (int i = 0; i <= 64; i++) { l.add((double) i); l.add((double) (1L << Math.min(i, 62)) - 1); }
        for (int i = 1; i < 100; i++) { l.add(i / 10.0); l.add(i / 100.0); l.add(i / 1000.0); l.add(i * 1e6); l.add(i * 1.1); }
        return l;
    }

    static void doubles(int n, long seed, boolean edges) {
        if (edges) {
            out.println("# Generated by the JVM (" + System.getProperty("java.version") +
                ") with internal/jfmt/testdata/gen/Gen.java: java Gen doubles " + n);
            out.println("# Format: <Double.doubleToRawLongBits in hex> <Double.toString>");
            for (double d : doubleEdges()) out.println(Long.toHexString(Double.doubleToRawLongBits(d)) + " " + d);
        }
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            double d = randomDouble(r);
            out.println(Long.toHexString(Double.doubleToRawLongBits(d)) + " " + d);
        }
    }

    static void floats(int n, long seed, boolean edges) {
        if (edges) {
            out.println("# Generated by the JVM (" + System.getProperty("java.version") +
                ") with internal/jfmt/testdata/gen/Gen.java: java Gen floats " + n);
            out.println("# Format: <Float.floatToRawIntBits in hex> <Float.toString>");
            List<Float> l = new ArrayList<>(List.of(0f, -0f, 1f, 0.1f, 0.2f, 0.1f + 0.2f, 3.3000002f, 1.1f * 3, 1e10f,
                1e-5f, 1e7f, 9999999f, 1e-3f, Float.MIN_VALUE, Float.MAX_VALUE, Float.MIN_NORMAL, 1e-44f,
                Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 16777216f, 16777217f, 3.4e38f, 1.17549435E-38f));
            for (int e = -46; e <= 39; e++) { float p = Float.parseFloat("1e" + e); l.add(p); l.add(Math.nextUp(p)); l.add(Math.nextDown(p)); }
            for (int e = -149; e <= 127; e++) l.add(Math.scalb(1f, e));
            for (int i = 1; i < 100; i++) { l.add(i / 10f); l.add(i / 100f); l.add(i * 1.1f); l.add(i * 1e6f); }
            for (float f : l) out.println(Integer.toHexString(Float.floatToRawIntBits(f)) + " " + f);
        }
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            float f;
            switch (r.nextInt(4)) {
                case 0 -> f = Float.intBitsToFloat(r.nextInt());
                case 1 -> f = (float) (r.nextDouble() * Math.pow(10, r.nextInt(20) - 10));
                case 2 -> f = (float) r.nextInt(2000000) / (float) Math.pow(10, r.nextInt(8));
                default -> f = (float) randomDouble(r);
            }
            out.println(Integer.toHexString(Float.floatToRawIntBits(f)) + " " + f);
        }
    }

    // ---- String.format ----

    // Argument encoding: I:int J:long S:short B:byte D:double (decimal or #bits)
    // F:float C:char (decimal code unit) Z:boolean N: (null) T:text (escaped)
    static Object arg(String s) {
        String v = s.substring(2);
        return switch (s.charAt(0)) {
            case 'I' -> Integer.parseInt(v);
            case 'J' -> Long.parseLong(v);
            case 'S' -> Short.parseShort(v);
            case 'B' -> Byte.parseByte(v);
            case 'D' -> v.startsWith("#") ? Double.longBitsToDouble(Long.parseUnsignedLong(v.substring(1), 16)) : Double.parseDouble(v);
            case 'F' -> Float.parseFloat(v);
            case 'C' -> (char) Integer.parseInt(v);
            case 'Z' -> Boolean.parseBoolean(v);
            case 'N' -> null;
            case 'T' -> unesc(v);
            default -> throw new IllegalArgumentException(s);
        };
    }

    static String run(String fmt, Object[] args) {
        try {
            return "=" + esc(String.format(fmt, args));
        } catch (Exception e) {
            return "!" + e.getClass().getName() + ": " + esc(String.valueOf(e.getMessage()));
        }
    }

    // Input lines: <escaped format>\t<arg>\t<arg>...; output adds \t<result>
    // as the first field after the format, so args stay last.
    static void format() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        out.println("# Generated by the JVM (" + System.getProperty("java.version") +
            ") with internal/jfmt/testdata/gen/Gen.java from gen/format_cases.txt: java Gen format");
        out.println("# Format: <format>\\t<=output or !exception: message>\\t<args...>");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] p = line.split("\t", -1);
            Object[] args = new Object[p.length - 1];
            for (int i = 1; i < p.length; i++) args[i - 1] = arg(p[i]);
            StringBuilder sb = new StringBuilder(p[0]).append('\t').append(run(unesc(p[0]), args));
            for (int i = 1; i < p.length; i++) sb.append('\t').append(p[i]);
            out.println(sb);
        }
    }

    static void fmtRandom(int n) {
        out.println("# Generated by the JVM (" + System.getProperty("java.version") +
            ") with internal/jfmt/testdata/gen/Gen.java: java Gen fmtrandom " + n);
        out.println("# Format: <format>\\t<=output or !exception: message>\\t<args...>");
        Random r = new Random(3);
        String[] convs = {"f", "e", "E", "g", "G", "s"};
        String[] flags = {"", "", "", "+", ",", "(", " ", "0", "-", "#", "+,", "(,"};
        for (int i = 0; i < n; i++) {
            double d = randomDouble(r);
            if (r.nextInt(4) == 0) d = Math.rint(d * 1000) / 1000;
            String c = convs[r.nextInt(convs.length)];
            String fl = flags[r.nextInt(flags.length)];
            String w = (fl.contains("0") || fl.contains("-") || r.nextInt(4) == 0) ? String.valueOf(r.nextInt(25) + 1) : "";
            String prec = r.nextInt(3) == 0 ? "" : "." + r.nextInt(r.nextInt(4) == 0 ? 25 : 8);
            String fmt = "%" + fl + w + prec + c;
            String a;
            if (r.nextInt(5) == 0) a = "F:" + (float) d;
            else a = "D:#" + Long.toHexString(Double.doubleToRawLongBits(d));
            Object[] args = {arg(a)};
            out.println(esc(fmt) + "\t" + run(fmt, args) + "\t" + a);
        }
    }

    // ---- Double.parseDouble ----

    static String parseResult(String s) {
        try {
            double d = Double.parseDouble(s);
            return Long.toHexString(Double.doubleToRawLongBits(d));
        } catch (NumberFormatException e) {
            return "NFE";
        }
    }

    static void parse() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        out.println("# Generated by the JVM (" + System.getProperty("java.version") +
            ") with internal/jfmt/testdata/gen/Gen.java from gen/parse_cases.txt: java Gen parse");
        out.println("# Format: <escaped input>\\t<Double.doubleToRawLongBits(Double.parseDouble(input)) in hex, or NFE>");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("#")) continue;
            String s = unesc(line);
            out.println(esc(s) + "\t" + parseResult(s));
        }
    }

    static void parseRandom(int n) {
        Random r = new Random(5);
        String alpha = "0123456789.eE+-xXpPdDfFaA ";
        for (int i = 0; i < n; i++) {
            String s;
            switch (r.nextInt(5)) {
                case 0 -> s = Double.toString(randomDouble(r));
                case 1 -> {
                    StringBuilder sb = new StringBuilder();
                    int len = 1 + r.nextInt(30);
                    for (int k = 0; k < len; k++) sb.append((char) ('0' + r.nextInt(10)));
                    sb.insert(r.nextInt(sb.length() + 1), '.');
                    if (r.nextBoolean()) sb.append('e').append(r.nextInt(700) - 350);
                    s = sb.toString();
                }
                case 2 -> s = Double.toHexString(randomDouble(r));
                case 3 -> {
                    StringBuilder sb = new StringBuilder(r.nextBoolean() ? "0x" : "-0X");
                    int len = 1 + r.nextInt(20);
                    for (int k = 0; k < len; k++) sb.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
                    if (r.nextBoolean()) sb.insert(2 + r.nextInt(len), '.');
                    sb.append(r.nextBoolean() ? 'p' : 'P').append(r.nextInt(2200) - 1100);
                    s = sb.toString();
                }
                default -> {
                    StringBuilder sb = new StringBuilder();
                    int len = 1 + r.nextInt(8);
                    for (int k = 0; k < len; k++) sb.append(alpha.charAt(r.nextInt(alpha.length())));
                    s = sb.toString();
                }
            }
            out.println(esc(s) + "\t" + parseResult(s));
        }
    }

    // ---- hashes and radix conversion ----

    static void misc() {
        out.println("# Generated by the JVM (" + System.getProperty("java.version") +
            ") with internal/jfmt/testdata/gen/Gen.java: java Gen misc");
        out.println("# Lines: strhash <escaped string> <hash> | dhash <bits> <hash> | fhash <bits> <hash> | lhash <v> <hash> | radix <v> <radix> <text>");
        String[] strs = {"", "a", "hello", "Hello, World!", "\u00e9t\u00e9", "\u4e2d\u6587", "\ud83d\ude00 smile",
            "The quick brown fox jumps over the lazy dog", "\u0000", "polygenelubricants", "\uffff\ud800\udc00"};
        for (String s : strs) out.println("strhash\t" + esc(s) + "\t" + s.hashCode());
        Random r = new Random(9);
        List<Double> ds = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L),
            Double.POSITIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, 0.1, 3.5));
        for (int i = 0; i < 30; i++) ds.add(randomDouble(r));
        for (double d : ds) out.println("dhash\t" + Long.toHexString(Double.doubleToRawLongBits(d)) + "\t" + Double.hashCode(d));
        List<Float> fs = new ArrayList<>(List.of(0f, -0f, 1f, Float.NaN, Float.intBitsToFloat(0x7fc00123), Float.MAX_VALUE, 0.1f));
        for (int i = 0; i < 20; i++) fs.add(Float.intBitsToFloat(r.nextInt()));
        for (float f : fs) out.println("fhash\t" + Integer.toHexString(Float.floatToRawIntBits(f)) + "\t" + Float.hashCode(f));
        long[] ls = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, -(1L << 32), 123456789012345L, r.nextLong(), r.nextLong()};
        for (long l : ls) out.println("lhash\t" + l + "\t" + Long.hashCode(l));
        long[] vs = {0, 1, -1, 255, -255, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, 123456789, r.nextLong(), r.nextLong()};
        int[] radixes = {2, 8, 10, 16, 36, 7, 1, 37};
        for (long v : vs) for (int rd : radixes) out.println("radix\t" + v + "\t" + rd + "\t" + Long.toString(v, rd));
    }
}

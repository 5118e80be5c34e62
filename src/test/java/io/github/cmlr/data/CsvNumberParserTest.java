package io.github.cmlr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written number parser must give exactly Double.parseDouble's double. */
class CsvNumberParserTest {

    /** Alone, and inside a longer buffer whose next bytes are digits (the parser must stop at {@code to}). */
    private static void assertSame(String text) {
        double expected = Double.parseDouble(text);
        double actual = NumberParser.parse(text);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> "'" + text + "': expected " + expected + ", got " + actual);
        byte[] b = ("7," + text + "98765432,1").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        double inside = NumberParser.parse(b, 2, 2 + text.length());
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(inside),
                () -> "'" + text + "' followed by digits: expected " + expected + ", got " + inside);
    }

    /** Zeros right after the point, read eight at a time, count against no digit budget and shift the exponent exactly. */
    @Test
    void leadingZerosAfterThePointInEveryCount() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int zeros = 0; zeros <= 24; zeros++) {
            for (int sig = 1; sig <= 22; sig++) {
                StringBuilder b = new StringBuilder(rnd.nextBoolean() ? "-0." : "0.");
                b.append("0".repeat(zeros));
                for (int i = 0; i < sig; i++) b.append((char) ('0' + (i == 0 ? 1 + rnd.nextInt(9) : rnd.nextInt(10))));
                assertSame(b.toString());
                assertSame(b.append("e-3").toString());
            }
        }
    }

    @Test
    void randomBitPatternsRoundTripExactly() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 50_000; i++) {
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(v)) continue;
            assertSame(Double.toString(v));
        }
    }

    @Test
    void randomDataLikeValuesInManyFormats() {
        SplittableRandom rnd = new SplittableRandom(12);
        String[] formats = {"%.17g", "%.15g", "%.6f", "%.3e", "%.16e", "%.20f", "%.1f", "%.25e"};
        for (int i = 0; i < 15_000; i++) {
            double v = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-30, 30));
            assertSame(Double.toString(v));
            assertSame(String.format(Locale.ROOT, formats[i % formats.length], v));
        }
    }

    @Test
    void randomDecimalStringsIncludingHalfwayCandidates() {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < 50_000; i++) assertSame(randomDecimal(rnd, rnd::nextBoolean));
        // exact halfway points between neighbouring doubles need the slow path
        for (int i = 0; i < 2_000; i++) {
            double v = Math.abs(rnd.nextGaussian()) * Math.pow(10, rnd.nextInt(-20, 20));
            java.math.BigDecimal a = new java.math.BigDecimal(v);
            java.math.BigDecimal b = new java.math.BigDecimal(Math.nextUp(v));
            assertSame(a.add(b).divide(java.math.BigDecimal.valueOf(2)).toString());
        }
    }

    @Test
    void eiselLemireDecidesAlmostEverythingAndIsExact() {
        SplittableRandom rnd = new SplittableRandom(14);
        int undecided = 0;
        int trials = 50_000;
        for (int i = 0; i < trials; i++) {
            long w = rnd.nextLong(1, 1_000_000_000_000_000_000L);
            int q = rnd.nextInt(-280, 280); // |w * 10^q| stays within the normal range
            double v = NumberParser.eiselLemire(w, q);
            if (Double.isNaN(v)) {
                undecided++;
                continue;
            }
            assertEquals(Double.parseDouble(w + "e" + q), v, () -> w + "e" + q);
        }
        assertTrue(undecided < trials / 100, "fast path undecided in " + undecided + " of " + trials);
    }

    @Test
    void eightDigitBlocksRejectEveryNonDigitByte() {
        for (int pos = 0; pos < 8; pos++) {
            for (int bad = 0; bad < 256; bad++) {
                if (bad >= '0' && bad <= '9') continue;
                byte[] b = "12345678".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                b[pos] = (byte) bad;
                long v = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                assertTrue(!NumberParser.isEightDigits(v), "byte " + bad);
            }
        }
        long v = java.nio.ByteBuffer.wrap("90817263".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertTrue(NumberParser.isEightDigits(v));
        assertEquals(90817263L, NumberParser.eightDigits(v));
        assertThrows(NumberFormatException.class, () -> NumberParser.parse("1.12345678x"));
        assertThrows(NumberFormatException.class, () -> NumberParser.parse("1.1234567:9"));
    }

    @Test
    void edgeCases() {
        String[] cases = {"0", "-0", "+0.0", "0e10", "1", "-1", "1.", ".5", "-.5", "1e0", "1E+3", "1e-3",
            "9007199254740993", "9007199254740992", "18446744073709551615", "4.9e-324", "2.2250738585072014E-308",
            "2.2250738585072011E-308", "1.7976931348623157E308", "1.7976931348623159E308", "1e308", "1e-320",
            "0.000000000000000000000000000001", "123456789012345678901234567890", "1e22", "1e23", "3.0e-22",
            "7.3177701707893310e+15", "2.9802322387695312E-8", "1e400", "-1e400", "1e-400", "NaN", "Infinity",
            "-Infinity", " 1.5 ", "00001.25", "1e0000000000000000000000002"};
        for (String c : cases) assertSame(c);
    }

    /** Only the documented formats: Java's hex floats and type suffixes are not numbers in a CSV cell. */
    @Test
    void rejectsFormatsTheReadmeDoesNotDocument() {
        for (String bad : new String[] {"1.5d", "1.5D", "2f", "0x1p3", "0x10", "1_000", "1.5e3d", "Infinityx", "+-1"}) {
            assertThrows(NumberFormatException.class, () -> NumberParser.parse(bad), bad);
        }
    }

    @Test
    void rejectsWhatTheJdkRejects() {
        for (String bad : new String[] {"", "-", "+", ".", "e5", "1e", "1e+", "abc", "1,5", "1.2.3", "--1", "NA", "inf"}) {
            assertThrows(NumberFormatException.class, () -> Double.parseDouble(bad), bad);
            assertThrows(NumberFormatException.class, () -> NumberParser.parse(bad), bad);
        }
    }

    /** The Eisel-Lemire step multiplies normalised operands: every table entry has its top bit set. */
    @Test
    void powerOfFiveTableIsNormalised() {
        for (int q = NumberParser.MIN_Q; q <= NumberParser.MAX_Q; q++) {
            assertTrue(NumberParser.powerOfFiveHigh(q) < 0, "5^" + q);
        }
    }

    /**
     * The padded parser on text, inside a buffer whose next bytes are a comma and then {@code tail}
     * (digits, zeros, anything: it may read them but must not use them): NaN, or exactly
     * Double.parseDouble's double.
     */
    private static double padded(String text, String tail) {
        byte[] t = ("7," + text + "," + tail).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] b = java.util.Arrays.copyOf(t, t.length + PaddedNumberParser.PADDING);
        double v = PaddedNumberParser.parse(b, 2, 2 + text.length());
        if (!Double.isNaN(v)) {
            double expected = Double.parseDouble(text);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(v),
                    () -> "'" + text + "' then '" + tail + "': expected " + expected + ", got " + v);
        }
        return v;
    }

    private static final String[] TAILS = {"", "98765432109876543210987654321", "0", "1.5,2", "\n", "e5", "..."};

    /** Plain numbers of every integer length (1..7) and fraction length (0..19 digits in all), signs, '.5', '3.': all taken, all exact. */
    @Test
    void paddedParserTakesEveryPlainShapeExactly() {
        SplittableRandom rnd = new SplittableRandom(21);
        int declined = 0;
        int taken = 0;
        for (int ints = 0; ints <= 7; ints++) {
            for (int fracs = 0; ints + fracs <= 19; fracs++) {
                for (int t = 0; t < 60; t++) {
                    StringBuilder sb = new StringBuilder(rnd.nextInt(3) == 0 ? "-" : "");
                    for (int i = 0; i < ints; i++) sb.append((char) ('0' + rnd.nextInt(10)));
                    if (fracs > 0 || rnd.nextBoolean() || ints == 0) sb.append('.');
                    for (int i = 0; i < fracs; i++) sb.append((char) ('0' + rnd.nextInt(10)));
                    String text = sb.toString();
                    if (ints + fracs == 0) continue;
                    double v = padded(text, TAILS[t % TAILS.length]);
                    if (Double.isNaN(v)) declined++;
                    else taken++;
                }
            }
        }
        // only Eisel-Lemire's rare undecided cases may fall through to the exact parser
        assertTrue(declined * 200 < taken, declined + " declined of " + (declined + taken));
    }

    /** Shortest round-trip text of random doubles (15-17 significant digits) and printf forms: exact, or declined. */
    @Test
    void paddedParserIsExactOnDataLikeText() {
        SplittableRandom rnd = new SplittableRandom(22);
        String[] formats = {"%.17g", "%.15g", "%.6f", "%.16f", "%.1f", "%.3e"};
        int declined = 0;
        for (int i = 0; i < 40_000; i++) {
            double v = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-3, 7));
            String shortest = Double.toString(v);
            String digits = shortest.replace("-", "");
            boolean plain = !shortest.contains("E") && digits.length() <= 20 && digits.indexOf('.') <= 7;
            if (Double.isNaN(padded(shortest, TAILS[i % TAILS.length])) && plain) declined++;
            padded(String.format(Locale.ROOT, formats[i % formats.length], v), TAILS[(i + 3) % TAILS.length]);
            padded(Double.toString(Double.longBitsToDouble(rnd.nextLong())), TAILS[i % TAILS.length]);
        }
        assertTrue(declined < 200, declined + " plain shortest forms (<= 19 digits) declined of 40000");
    }

    /** Random digit strings, points, exponents and signs, halfway candidates included: exact whenever taken. */
    @Test
    void paddedParserIsExactOnRandomDecimalStrings() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int i = 0; i < 50_000; i++) padded(randomDecimal(rnd, () -> rnd.nextInt(4) == 0), TAILS[i % TAILS.length]);
        for (int i = 0; i < 2_000; i++) {
            double v = Math.abs(rnd.nextGaussian()) * Math.pow(10, rnd.nextInt(-5, 7));
            java.math.BigDecimal a = new java.math.BigDecimal(v);
            java.math.BigDecimal b = new java.math.BigDecimal(Math.nextUp(v));
            String half = a.add(b).divide(java.math.BigDecimal.valueOf(2)).toPlainString();
            padded(half.length() > 21 ? half.substring(0, 21) : half, "5");
        }
    }

    /**
     * Boundary cases, and what it leaves to the exact parser: a plus sign, exponents, spaces, words,
     * 20 digits, 8 integer digits before a point or 9 without one, a decimal comma (';' files: the
     * chunked reader takes only ',' files; the serial reader's comma fallback is in RDataFormatsTest).
     */
    @Test
    void paddedParserEdgesAndDeclines() {
        String[] exact = {"0", "-0", "0.0", "-0.0", "1", "-1", "1.", ".5", "-.5", "3.", "90071992", "-12345678",
            "0.30000000000000004", "4.35", "1234567.123456789123", "0.000000000000000001", "9999999.999999999999",
            "-4.591784231589489", "0.016751306585320546", "2.2250738585072014", "1.7976931348623157"};
        for (String c : exact) {
            double v = padded(c, "123");
            assertTrue(!Double.isNaN(v), c + " declined");
        }
        String[] declined = {"", "-", ".", "-.", "+1", "+.5", "1e5", "1E-5", "1.5e3", " 1", "1 ", "1.5 ", "NaN", "Infinity",
            "-Infinity", "1.2.3", "--1", "12345678901234567890", "1.2345678901234567890", "12345678.5", "123456789", "9007199254740993", "1,5", "0x10", "1_0", "1d"};
        for (String c : declined) assertTrue(Double.isNaN(padded(c, "9")), c + " taken");
        byte[] b = java.util.Arrays.copyOf("-.5,".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 4 + PaddedNumberParser.PADDING);
        assertTrue(Double.isNaN(PaddedNumberParser.parse(b, 0, 0)), "an empty range, whatever follows");
        assertTrue(Double.isNaN(PaddedNumberParser.parse(b, 0, 1)), "'-' alone, whatever follows");
    }

    /**
     * The shape the padded parser tries first (one integer digit, a point, 8 to 16 fraction digits),
     * with each of its bytes replaced by every other byte value in turn: exact or declined, never
     * an exception; and fields shorter than eight bytes at the very start of a buffer, where the
     * shape's load of the field's last eight bytes would start before the buffer.
     */
    @Test
    void paddedParserCommonShapeWithAnyByteReplaced() {
        SplittableRandom rnd = new SplittableRandom(24);
        for (int fracs = 8; fracs <= 16; fracs++) {
            StringBuilder sb = new StringBuilder().append((char) ('0' + rnd.nextInt(10))).append('.');
            for (int i = 0; i < fracs; i++) sb.append((char) ('0' + rnd.nextInt(10)));
            String clean = sb.toString();
            assertTrue(!Double.isNaN(padded(clean, "1")) && !Double.isNaN(padded("-" + clean, "1")), clean + " declined");
            for (int pos = 0; pos < clean.length(); pos++) {
                for (int v = 0; v < 256; v++) {
                    char[] c = clean.toCharArray();
                    c[pos] = (char) v;
                    String text = new String(c);
                    double got = padded(text, TAILS[v % TAILS.length]);
                    boolean digit = v >= '0' && v <= '9';
                    boolean number = digit || v == '.' || pos == 0 && v == '-'; // still a plain number
                    if (!number) assertTrue(Double.isNaN(got), "'" + text + "' taken");
                }
            }
        }
        for (String s : new String[] {"5", "-5", "0.5", "-1.25", "1.", "7.1234"}) {
            byte[] b = java.util.Arrays.copyOf(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                    s.length() + PaddedNumberParser.PADDING);
            double v = PaddedNumberParser.parse(b, 0, s.length());
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(v), s);
        }
    }

    /**
     * An optional sign, 1 to 23 random digits, an optional point among them, and an exponent in
     * [-340, 320) when {@code withExponent} says so (drawn after the point, from the same rng).
     */
    private static String randomDecimal(SplittableRandom rnd, java.util.function.BooleanSupplier withExponent) {
        StringBuilder sb = new StringBuilder();
        if (rnd.nextBoolean()) sb.append('-');
        int digits = rnd.nextInt(1, 24);
        for (int k = 0; k < digits; k++) sb.append((char) ('0' + rnd.nextInt(10)));
        if (rnd.nextBoolean()) sb.insert(sb.length() - rnd.nextInt(digits), '.');
        if (withExponent.getAsBoolean()) sb.append('e').append(rnd.nextInt(-340, 320));
        return sb.toString();
    }
}

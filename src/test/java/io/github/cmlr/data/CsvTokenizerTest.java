package io.github.cmlr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    /** Hands out at most {@code step} bytes per read, so records cross every possible refill point. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static List<String> records(InputStream in) {
        CsvTokenizer tok = new CsvTokenizer(in, "t.csv");
        List<String> out = new ArrayList<>();
        while (tok.next()) {
            StringBuilder sb = new StringBuilder().append(tok.line()).append(':');
            for (int i = 0; i < tok.fieldCount(); i++) sb.append(i == 0 ? "" : "|").append(tok.text(i));
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void sameRecordsWhateverTheReadSizes() {
        String text = "\uFEFFa,b,\"c\"\r\n1,\"x,\"\"y\"\"\",3\r\n\r\n\"multi\nline\",,\n4,5,6,\n\"end\"";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("1:a|b|c", "2:1|x,\"y\"|3", "3:", "4:multi\nline||", "6:4|5|6|", "7:end");
        for (int step = 1; step <= bytes.length; step++) {
            assertEquals(expected, records(trickle(bytes, step)), "read size " + step);
        }
    }

    @Test
    void recordLongerThanTheBufferGrowsIt() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) sb.append(i == 0 ? "" : ",").append("c").append(i);
        sb.append("\nlast\n");
        CsvTokenizer tok = new CsvTokenizer(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), "t");
        tok.next();
        assertEquals(200_000, tok.fieldCount());
        assertEquals("c199999", tok.text(199_999));
        tok.next();
        assertEquals("last", tok.text(0));
        assertFalse(tok.next());
    }

    @Test
    void junkAfterAClosingQuoteIsAnError() {
        CsvTokenizer tok = new CsvTokenizer(new ByteArrayInputStream("a,b\n\"x\"y,2\n".getBytes(StandardCharsets.UTF_8)), "t.csv");
        tok.next();
        CmlrException e = assertThrows(CmlrException.class, tok::next);
        assertEquals(ExitCode.DATA_FORMAT, e.exitCode());
        assertEquals("t.csv: line 2, column 1: unexpected character after a closing quote", e.getMessage());
    }
}

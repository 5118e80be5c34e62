package io.github.cmlr.data;

import io.github.cmlr.util.DecimalSyntax;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.List;
import java.util.Locale;

/** Reading one cell of the tokenizer's record: missing cells, numbers (decimal comma allowed), and errors that name the cell. */
final class Cells {
    private static final byte[] NA = {'N', 'A'};

    private Cells() {}

    /** Empty or NA, as R's read.csv reads a missing value. */
    static boolean missing(CsvTokenizer tok, int field) {
        int len = tok.end(field) - tok.start(field);
        return len == 0 || len == 2 && tok.fieldEquals(field, NA);
    }

    /**
     * The cell as a double; with {@code decimalComma} a comma is read as the decimal point.
     *
     * @throws NumberFormatException when it is not a number
     */
    static double number(CsvTokenizer tok, int field, boolean decimalComma) {
        try {
            return NumberParser.parse(tok.buffer(), tok.start(field), tok.end(field));
        } catch (NumberFormatException e) {
            if (!decimalComma) throw e;
            return DecimalSyntax.parse(tok.text(field).replace(',', '.')); // only the documented formats
        }
    }

    static String where(String file, CsvTokenizer tok, List<String> header, int field) {
        return file + ": line " + tok.line() + ", column " + (field + 1) + " ('" + header.get(field) + "')";
    }

    /** The error for a cell that is not a finite number. */
    static CmlrException notANumber(String file, CsvTokenizer tok, List<String> header, int field) {
        String text = tok.text(field);
        String t = text.trim().toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
        String at = where(file, tok, header, field);
        if (t.equals("nan") || t.equals("inf") || t.equals("infinity")) {
            return new CmlrException(ExitCode.DATA_FORMAT, at + ": NaN or infinite value '" + text + "' is not allowed");
        }
        if (t.isEmpty() || t.equals("na")) return missingCell(at, text);
        return new CmlrException(ExitCode.DATA_FORMAT, at + ": not a number: '" + text + "'");
    }

    static CmlrException missingCell(String at, String text) {
        return new CmlrException(ExitCode.DATA_FORMAT, at + ": missing value '" + text
                + "' (with --na fail every cell of the columns the model uses must be present)");
    }

    static CmlrException ragged(String file, CsvTokenizer tok, List<String> header) {
        int n = tok.fieldCount();
        int width = header.size();
        String detail = n < width
                ? "column " + (n + 1) + " ('" + header.get(n) + "') and after are missing"
                : "column " + (width + 1) + " and after have no header";
        return new CmlrException(ExitCode.DATA_FORMAT, file + ": line " + tok.line() + ": " + n
                + (n == 1 ? " cell" : " cells") + " but the header has " + width + " columns (" + detail + ")");
    }
}

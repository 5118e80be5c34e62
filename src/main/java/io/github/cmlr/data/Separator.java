package io.github.cmlr.data;

import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Detects the field separator from the header line: the most frequent of ',', ';' and tab
 * outside double quotes (',' when none occurs, and on a tie in the order ',', ';', tab).
 */
final class Separator {
    /** The header line is looked for in this many bytes. */
    private static final int LIMIT = 1 << 20;

    private Separator() {}

    static char resolve(Path file, char given) {
        return given != CsvOptions.AUTO_SEPARATOR ? given : detect(file);
    }

    static char detect(Path file) {
        try (CsvInput input = CsvInput.open(file)) {
            InputStream in = input.stream();
            int commas = 0;
            int semicolons = 0;
            int tabs = 0;
            boolean quoted = false;
            for (int i = 0, c; i < LIMIT && (c = in.read()) >= 0; i++) {
                if (c == '"') quoted = !quoted;
                else if (!quoted && c == '\n') break;
                else if (!quoted && c == ',') commas++;
                else if (!quoted && c == ';') semicolons++;
                else if (!quoted && c == '\t') tabs++;
            }
            if (semicolons > commas && semicolons >= tabs) return ';';
            if (tabs > commas && tabs > semicolons) return '\t';
            return ',';
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, file + ": cannot read the header line: " + e.getMessage(), e);
        }
    }

    /** How the separator is named in messages and reports. */
    static String describe(char sep) {
        return sep == '\t' ? "tab" : "'" + sep + "'";
    }
}

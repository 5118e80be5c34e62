package io.github.cmlr.sweep;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.DecimalSyntax;
import io.github.cmlr.util.ExitCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into maps, lists and scalars that remember their line and column, so that
 * every validation error can name the line at fault. Duplicate keys are rejected.
 */
public final class YamlTree {

    /**
     * One YAML value: a {@code Map<String, Node>}, a {@code List<Node>}, or a scalar (String,
     * Number, Boolean or null), with its 1-based position in the source.
     */
    public record Node(Object value, int line, int column) {
        @SuppressWarnings("unchecked")
        public Map<String, Node> map() { return (Map<String, Node>) value; }

        @SuppressWarnings("unchecked")
        public List<Node> list() { return (List<Node>) value; }

        public boolean isMap() { return value instanceof Map; }
        public boolean isList() { return value instanceof List; }
        public boolean isScalar() { return !isMap() && !isList(); }

        /** "file:line:column" for messages. */
        public String where(String source) {
            return source + ":" + line + ":" + column;
        }
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {}

    /**
     * Parses YAML text.
     *
     * @param source the file name used in error messages
     */
    public static Node parse(String text, String source) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new CmlrException(ExitCode.SPEC, source + ": the sweep file is empty");
            Node root = read(p, source);
            if (p.nextToken() != null) {
                throw error(source, p.currentTokenLocation(), "more than one YAML document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? source : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new CmlrException(ExitCode.SPEC, where + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CmlrException(ExitCode.IO, "cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static Node read(JsonParser p, String source) throws IOException {
        JsonLocation loc = p.currentTokenLocation();
        int line = loc.getLineNr();
        int col = loc.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonLocation keyLoc = p.currentTokenLocation();
                    if (map.containsKey(key)) throw error(source, keyLoc, "duplicate key '" + key + "'");
                    p.nextToken();
                    Node value = read(p, source);
                    // the key's position is where a reader looks for the mistake
                    map.put(key, new Node(value.value(), keyLoc.getLineNr(), keyLoc.getColumnNr()));
                }
                return new Node(map, line, col);
            }
            case START_ARRAY: {
                List<Node> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p, source));
                return new Node(list, line, col);
            }
            case VALUE_NUMBER_INT:
                requireDecimal(p, source, loc);
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw error(source, loc, "integer " + p.getText() + " is out of range");
                }
                return new Node(p.getLongValue(), line, col);
            case VALUE_NUMBER_FLOAT:
                requireDecimal(p, source, loc);
                return new Node(p.getDoubleValue(), line, col);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node(p.getBooleanValue(), line, col);
            case VALUE_NULL:
                return new Node(null, line, col);
            default:
                return new Node(p.getText(), line, col);
        }
    }

    /** Only the documented number formats (plain or exponent notation): YAML's 0x1F, 0o17, 1_000, .inf are refused. */
    private static void requireDecimal(JsonParser p, String source, JsonLocation loc) throws IOException {
        String text = p.getText();
        if (!DecimalSyntax.matches(text) || text.contains("NaN") || text.contains("Infinity")) {
            throw error(source, loc, "'" + text + "' is not a number in plain or exponent notation (e.g. 0.5, 20, 1e-6)");
        }
    }

    static CmlrException error(String source, JsonLocation loc, String message) {
        return new CmlrException(ExitCode.SPEC, source + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": " + message);
    }
}

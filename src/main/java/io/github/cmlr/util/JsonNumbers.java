package io.github.cmlr.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The one convention for numbers in cmlr's JSON: JSON has no NaN or infinity, and a bare
 * {@code null} says nothing, so a value that cannot be computed is left out and a sibling key,
 * the field's name followed by {@code Reason} (camelCase files: the fit report) or
 * {@code _reason} (snake_case files: sweep result lines, report.json), says why. In an array, whose
 * positions must stay aligned, such an element is an object {@code {"reason": "..."}}. Readers
 * test for the field (or for a number); they never see NaN, Infinity or null.
 */
public final class JsonNumbers {
    /** How a file names its keys, and so its reason keys. */
    public enum Style {
        CAMEL("Reason"), SNAKE("_reason");

        private final String suffix;

        Style(String suffix) {
            this.suffix = suffix;
        }

        /** The key that explains why {@code field} is absent. */
        public String reasonKey(String field) {
            return field + suffix;
        }
    }

    private JsonNumbers() {}

    /** Puts {@code value} when finite; otherwise leaves the field out and puts its reason. */
    public static void put(ObjectNode node, String field, double value, Style style, String reason) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            absent(node, field, style, reason);
        }
    }

    /** Puts the array when every value is finite; otherwise leaves it out and puts its reason. */
    public static void put(ObjectNode node, String field, double[] values, Style style, String reason) {
        if (values != null && allFinite(values)) {
            ArrayNode a = node.putArray(field);
            for (double v : values) a.add(v);
        } else {
            absent(node, field, style, reason);
        }
    }

    /** Adds {@code value} to the array when finite; otherwise an object {@code {"reason": reason}} in its place. */
    public static void add(ArrayNode array, double value, String reason) {
        if (Double.isFinite(value)) {
            array.add(value);
        } else {
            if (reason == null || reason.isBlank()) throw new IllegalArgumentException("an absent value needs its reason");
            array.addObject().put("reason", reason);
        }
    }

    /** Leaves {@code field} out (removing it if present) and says why. */
    public static void absent(ObjectNode node, String field, Style style, String reason) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("an absent value needs its reason: " + field);
        node.remove(field);
        node.put(style.reasonKey(field), reason);
    }

    public static boolean allFinite(double[] values) {
        for (double v : values) if (!Double.isFinite(v)) return false;
        return true;
    }

    /**
     * Fails (a bug, not a user error) when the tree still holds a NaN, an infinity or a bare
     * null, naming where; call it on every tree before it is written.
     *
     * @param what the document, for the message
     */
    public static void requireClean(JsonNode tree, String what) {
        String at = firstUnclean(tree, "");
        if (at != null) throw new IllegalStateException(what + ": " + at + " is NaN, infinite or null");
    }

    /** The JSON pointer of the first NaN, infinity or null in the tree, or null when there is none. */
    public static String firstUnclean(JsonNode n, String path) {
        if (n == null || n.isNull()) return path.isEmpty() ? "/" : path;
        if (n.isNumber() && (n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) return path;
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                String bad = firstUnclean(e.getValue(), path + "/" + e.getKey());
                if (bad != null) return bad;
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String bad = firstUnclean(n.get(i), path + "/" + i);
                if (bad != null) return bad;
            }
        }
        return null;
    }
}

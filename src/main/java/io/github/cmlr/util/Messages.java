package io.github.cmlr.util;

import java.util.List;

/** Small helpers that keep error messages short and readable. */
public final class Messages {
    /** Items a list in a message shows before it is cut. */
    public static final int LISTED = 10;

    private Messages() {}

    /**
     * The items joined by ", ", cut after {@link #LISTED} with the total, e.g.
     * {@code x1, x2, ..., x10, ... (1200 columns)}.
     *
     * @param noun what the items are, plural ("columns"), for the total of a cut list
     */
    public static String list(List<?> items, String noun) {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(items.size(), LISTED);
        for (int i = 0; i < shown; i++) b.append(i == 0 ? "" : ", ").append(items.get(i));
        if (items.size() > shown) b.append(", ... (").append(items.size()).append(' ').append(noun).append(')');
        return b.toString();
    }
}

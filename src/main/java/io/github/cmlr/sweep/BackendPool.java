package io.github.cmlr.sweep;

import io.github.cmlr.backend.Backend;
import io.github.cmlr.api.Backends;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Backends opened on first use and kept open until {@link #close()}, so that many small runs do
 * not pay the start-up (a GPU's context and module loading) again and again.
 */
public final class BackendPool implements AutoCloseable {
    private final int threads;
    private final Map<String, Backend> open = new LinkedHashMap<>();

    public BackendPool(int threads) {
        this.threads = threads;
    }

    /** @param choice auto, cpu or gpu */
    public Backend get(String choice) {
        return open.computeIfAbsent(choice, c -> Backends.open(c, threads));
    }

    /** Closes every backend; never throws (each backend's close never throws). */
    @Override
    public void close() {
        for (Backend b : open.values()) b.close();
        open.clear();
    }
}

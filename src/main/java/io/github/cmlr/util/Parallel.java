package io.github.cmlr.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic data parallelism over nodes. Work is cut into fixed blocks of {@link #BLOCK}
 * units whatever the thread count; reductions combine per-block partial results in block order,
 * so results are bitwise identical with 1 or N threads.
 */
public final class Parallel {
    /** Units per block; fixed so that block boundaries never depend on the thread count. */
    public static final int BLOCK = 256;

    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    @FunctionalInterface
    public interface BlockReduce<T> {
        /** Computes the partial result of units [from, to). */
        T apply(int from, int to);
    }

    /** Shared daemon workers; callers bound their own concurrency with the threads argument. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cmlr-worker");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {}

    public static int blocks(int units) {
        return (units + BLOCK - 1) / BLOCK;
    }

    /** Runs body over [0, units) in fixed blocks on up to {@code threads} threads. */
    public static void forEachBlock(int units, int threads, RangeBody body) {
        mapBlocks(units, threads, (a, b) -> {
            body.run(a, b);
            return Boolean.TRUE;
        });
    }

    /** Computes one partial per fixed block of {@link #BLOCK} units; the list is in block order. */
    public static <T> List<T> mapBlocks(int units, int threads, BlockReduce<T> body) {
        return mapBlocks(units, BLOCK, threads, body);
    }

    /**
     * Computes one partial per fixed block of {@code blockSize} units (a constant of the caller,
     * never derived from the thread count); the list is in block order.
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> mapBlocks(int units, int blockSize, int threads, BlockReduce<T> body) {
        if (blockSize < 1) throw new IllegalArgumentException("blockSize must be >= 1");
        int nb = (int) ((units + (long) blockSize - 1) / blockSize);
        Object[] results = new Object[nb];
        int workers = Math.min(Math.max(1, threads), nb);
        if (workers <= 1) {
            for (int b = 0; b < nb; b++) results[b] = body.apply(b * blockSize, Math.min(units, (b + 1) * blockSize));
        } else {
            AtomicInteger next = new AtomicInteger();
            Runnable worker = () -> {
                for (int b = next.getAndIncrement(); b < nb; b = next.getAndIncrement()) {
                    results[b] = body.apply(b * blockSize, Math.min(units, (b + 1) * blockSize));
                }
            };
            List<Future<?>> fs = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) fs.add(POOL.submit(worker));
            for (Future<?> f : fs) await(f);
        }
        List<T> out = new ArrayList<>(nb);
        for (Object r : results) out.add((T) r);
        return out;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        }
    }

    /** Sums per-block double arrays element-wise in block order into a new array of length len. */
    public static double[] sumInOrder(List<double[]> partials, int len) {
        double[] acc = new double[len];
        for (double[] p : partials) {
            for (int i = 0; i < len; i++) acc[i] += p[i];
        }
        return acc;
    }

    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

}

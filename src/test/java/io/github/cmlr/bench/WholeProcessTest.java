package io.github.cmlr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WholeProcessTest {
    @Test
    void readsGnuTimesElapsedSecondsAndPeakKibibytes() {
        WholeProcess.Timing t = WholeProcess.parse("Command exited with non-zero status 0\n12.34 204800\n", 99);
        assertEquals(12.34, t.seconds(), 0);
        assertEquals(200.0, t.peakMiB(), 0);
        assertTrue(t.ok());
    }

    @Test
    void unreadableReportKeepsTheMeasuredWallTime() {
        WholeProcess.Timing t = WholeProcess.parse("", 3.5);
        assertEquals(3.5, t.seconds(), 0);
        assertTrue(Double.isNaN(t.peakMiB()));
    }

    @Test
    void aFailingCommandGivesAReasonNotATime() {
        WholeProcess.Timing t = WholeProcess.run(List.of("sh", "-c", "exit 3"), Map.of(), 60);
        assertFalse(t.ok());
        assertTrue(t.failure().contains("exited 3"), t.failure());
        assertTrue(Double.isNaN(t.seconds()));
    }

    @Test
    void aFailureQuotesTheLastLineTheCommandPrinted() {
        WholeProcess.Timing t = WholeProcess.run(List.of("sh", "-c",
                "echo progress; echo 'Error in f(x): no convergence' >&2; echo; exit 2"), Map.of(), 60);
        assertEquals("sh exited 2: Error in f(x): no convergence", t.failure());
        WholeProcess.Timing silent = WholeProcess.run(List.of("sh", "-c", "exit 4"), Map.of(), 60);
        assertEquals("sh exited 4", silent.failure());
    }

    @Test
    void aCommandIsTimedFromOutside() {
        WholeProcess.Timing t = WholeProcess.run(List.of("sh", "-c", "sleep 0.3"), Map.of(), 60);
        assertTrue(t.ok(), t.failure());
        assertTrue(t.seconds() >= 0.25, "slept 0.3 s, measured " + t.seconds());
    }

    @Test
    void medianIgnoresRunsThatGaveNoFigure() {
        assertEquals(2.0, EndToEnd.median(new double[] {3, Double.NaN, 1, 2}), 0);
        assertEquals(1.5, EndToEnd.median(new double[] {2, 1}), 0);
        assertTrue(Double.isNaN(EndToEnd.median(new double[] {Double.NaN})));
    }
}

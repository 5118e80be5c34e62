package io.github.cmlr.bench;

/**
 * One line of the peers table: the same work timed in cmlr and in a peer program (numpy, R) in the
 * same invocation. {@code ratio} is peer / cmlr for times (above 1: cmlr is faster) and cmlr / peer
 * for rates; NaN when the peer did not run.
 */
public record PeerRow(String stage, String case_, double cmlr, String peer, double peerValue, String unit,
                      double ratio, String note) {

    /** A time measured on both sides (lower is better). */
    public static PeerRow times(String stage, String case_, double cmlr, String peer, double peerValue, String unit,
                                String note) {
        return new PeerRow(stage, case_, cmlr, peer, peerValue, unit, peerValue / cmlr, note);
    }

    /** A rate measured on both sides (higher is better). */
    public static PeerRow rates(String stage, String case_, double cmlr, String peer, double peerValue, String unit,
                                String note) {
        return new PeerRow(stage, case_, cmlr, peer, peerValue, unit, cmlr / peerValue, note);
    }
}

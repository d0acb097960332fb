package io.jfrp.mux;

/**
 * Where a yamux stream is in its life, as the protocol sees it (the half-close states of TCP, as in
 * HTTP/2's stream states and stock yamux's). The ACK handshake is orthogonal: a stream may half-close
 * before its ACK.
 *
 * <pre>
 *                 OPEN
 *    FIN sent  /        \  FIN received
 *  HALF_CLOSED_LOCAL   HALF_CLOSED_REMOTE
 *   FIN received \        / FIN sent
 *                 CLOSED
 *
 *   any state --RST either way, or the session's end--> RESET
 * </pre>
 *
 * A CLOSED or RESET stream is forgotten by the session at once. After CLOSED, its child channel may
 * stay open until it has read everything that arrived before the peer's FIN; after RESET it closes at
 * once. A child that closes while the peer has not sent FIN yet sends FIN and lets go of the stream:
 * its channel reports CLOSED, and the session keeps only the id until the peer's FIN.
 */
public enum YamuxStreamState {
    /** Both directions carry data. */
    OPEN,
    /** We sent FIN: we write no more, the peer still may. */
    HALF_CLOSED_LOCAL,
    /** The peer sent FIN: it writes no more, we still may. */
    HALF_CLOSED_REMOTE,
    /** Both FINs (or the child closed and the session keeps only the id): the channel is done with it. */
    CLOSED,
    /** A RST either way, or the session ended: both directions ended abruptly. */
    RESET;

    /** True once the stream has ended and the session has let go of it (CLOSED or RESET). */
    public boolean isTerminal() {
        return this == CLOSED || this == RESET;
    }

    /** True while this side may still send Data (no FIN sent, no RST). */
    public boolean localSideOpen() {
        return this == OPEN || this == HALF_CLOSED_REMOTE;
    }

    /** True while the peer may still send Data (no FIN received, no RST). */
    public boolean remoteSideOpen() {
        return this == OPEN || this == HALF_CLOSED_LOCAL;
    }

    /** The state after this side sends FIN. */
    YamuxStreamState afterFinSent() {
        switch (this) {
            case OPEN:
                return HALF_CLOSED_LOCAL;
            case HALF_CLOSED_REMOTE:
                return CLOSED;
            default:
                throw new IllegalStateException("FIN sent in state " + this);
        }
    }

    /** The state after the peer's FIN; the caller has checked that the remote side was open. */
    YamuxStreamState afterFinReceived() {
        switch (this) {
            case OPEN:
                return HALF_CLOSED_REMOTE;
            case HALF_CLOSED_LOCAL:
                return CLOSED;
            default:
                throw new IllegalStateException("FIN received in state " + this);
        }
    }
}

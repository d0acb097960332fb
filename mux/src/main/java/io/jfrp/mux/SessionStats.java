package io.jfrp.mux;

import java.time.Duration;

/**
 * An immutable snapshot of one session, for metrics, tests and policy (a server watching what an
 * unauthenticated peer costs). {@link YamuxSession#stats()} returns one: current when called on the
 * session's event loop, otherwise the one the loop published last (the loop publishes after every
 * change, at the latest when the task that made it ends).
 *
 * <p>The fields come in groups: streams, memory, liveness, then counters of what was refused (each
 * a RST we sent) and of floods detected (each ended the session with GoAway(protocol error)).
 *
 * @param openStreams        streams the session tracks that are open or half-closed, in either
 *                           direction, including those waiting in the accept backlog; not counting
 *                           lingering ones
 * @param inboundStreams     open streams the peer opened, counted against {@code maxInboundStreams}:
 *                           from their SYN until their child channel closes
 * @param maxInboundStreams  the session's limit on {@code inboundStreams} now
 * @param lingeringStreams   streams closed here whose FIN the peer has not answered yet; a few dozen
 *                           bytes each, at most {@link YamuxConfig#maxLingeringStreams()}
 * @param backlogStreams     inbound streams waiting for {@link YamuxSession#acceptStream}
 * @param unreadBytes        Data received and not yet read by the streams' children; never more than
 *                           the windows granted
 * @param windowBudgetUsed   bytes of {@link YamuxConfig#sessionWindowBudget()} in use (window growth
 *                           plus initial windows of backlog streams)
 * @param smoothedRtt        smoothed ping RTT, zero before the first answer
 * @param minRtt             smallest recent ping RTT, zero before the first answer
 * @param goAwayReceived     the peer sent GoAway(normal): no new streams may be opened
 * @param closed             the connection has closed
 * @param refusedInboundLimit      SYNs beyond {@code maxInboundStreams}
 * @param refusedConcurrencyLimit  SYNs beyond {@link YamuxConfig#maxConcurrentStreams()}
 * @param refusedBacklogFull       SYNs while the accept backlog was full
 * @param refusedWindowBudget      SYNs whose initial window the session budget could not cover
 * @param refusedGoingAway         SYNs after we sent GoAway
 * @param lingeringEvicted         lingering streams reset to stay within
 *                                 {@link YamuxConfig#maxLingeringStreams()}
 * @param lingeringTimedOut        lingering streams reset after {@link YamuxConfig#streamCloseTimeout()}
 * @param synFloods            more SYNs per second than allowed
 * @param resetFloods          more RSTs per second than allowed
 * @param pingFloods           more pings per second than allowed
 * @param controlFrameFloods   more answers queued than allowed for a peer that does not read
 */
public record SessionStats(
        int openStreams, int inboundStreams, int maxInboundStreams, int lingeringStreams, int backlogStreams,
        long unreadBytes, long windowBudgetUsed,
        Duration smoothedRtt, Duration minRtt, boolean goAwayReceived, boolean closed,
        long refusedInboundLimit, long refusedConcurrencyLimit, long refusedBacklogFull, long refusedWindowBudget,
        long refusedGoingAway, long lingeringEvicted, long lingeringTimedOut,
        long synFloods, long resetFloods, long pingFloods, long controlFrameFloods) {

    /** The snapshot of a session not yet added to a channel. */
    static final SessionStats EMPTY = new SessionStats(0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO,
            false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Streams the session tracks: open, half-closed, in the backlog or lingering. */
    public int trackedStreams() {
        return openStreams + lingeringStreams;
    }

    /** Every SYN refused with RST, whatever the reason. */
    public long refusedStreams() {
        return refusedInboundLimit + refusedConcurrencyLimit + refusedBacklogFull + refusedWindowBudget
                + refusedGoingAway;
    }

    /** Every flood detected (a session ends at its first). */
    public long floods() {
        return synFloods + resetFloods + pingFloods + controlFrameFloods;
    }
}

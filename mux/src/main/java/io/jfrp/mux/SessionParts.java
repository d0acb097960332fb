package io.jfrp.mux;

import io.netty.channel.ChannelHandlerContext;

import java.util.function.Supplier;

/**
 * The parts of one session that the others share: the session itself, its connection's context and
 * settings, and the parts that write frames ({@link FrameOutput}), ping ({@link Keepalive}), return
 * receive credit ({@link ReceiveFlowController}), count ({@link SessionMetrics}) and send streams'
 * data ({@link SendScheduler}). The {@link StreamTable} and the {@link FrameDispatcher} each take them
 * as one.
 *
 * <p>Made by {@link #wire} when the session is added to a pipeline; event-loop confined, like the
 * parts themselves.
 */
record SessionParts(YamuxSession session, ChannelHandlerContext ctx, YamuxConfig config, SessionMetrics metrics,
                    FrameOutput output, Keepalive keepalive, ReceiveFlowController flow,
                    SendScheduler scheduler) {

    /** Makes the shared parts of {@code session} on {@code ctx}; {@code snapshot} is what metrics publish. */
    static SessionParts wire(YamuxSession session, ChannelHandlerContext ctx, Supplier<SessionStats> snapshot) {
        YamuxConfig config = session.config();
        SessionMetrics metrics = new SessionMetrics(ctx.executor(), snapshot);
        FrameOutput output = new FrameOutput(ctx, config, metrics);
        Keepalive keepalive = new Keepalive(session, ctx.executor(), output, config);
        ReceiveFlowController flow = new ReceiveFlowController(config, output, keepalive, metrics);
        SendScheduler scheduler = new SendScheduler(ctx, output, config, session::events);
        return new SessionParts(session, ctx, config, metrics, output, keepalive, flow, scheduler);
    }
}

package io.jfrp.server.proxy;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

/**
 * Where a {@link WorkConnBridge} takes its work connections: a client's pool, kept by its control.
 */
public interface WorkConnSource {
    /** The client's run id. */
    String runId();

    /** The loop {@link #takeWorkConn()} must be called on. */
    EventExecutor executor();

    /**
     * The loop every work connection of the client runs on, when they share one: the streams of a
     * tcpMux (or QUIC) session are on its loop, which is the control's, and a proxy's public
     * connections are best accepted there. Null when each work connection is a TCP connection of its
     * own (tcpMux off): {@link WorkConnBridge} then moves each, when it takes it, onto the loop of the
     * connection it serves, and public connections are best spread over all the worker loops.
     * The default, the {@link #executor()}, is a source whose connections all share its loop.
     */
    default EventExecutor sharedLoop() {
        return executor();
    }

    /**
     * One of the client's work connections for one public connection: an idle one at once, or the
     * next to arrive within userConnTimeout. It still carries {@link WorkConnBridge#IDLE_HANDLER};
     * fails when the client is gone or nothing came in time.
     */
    Future<Channel> takeWorkConn();

    /**
     * The wire protocol of the client's session, {@code "v1"} or {@code "v2"}: how its work
     * connections frame messages (a mixed sudp pair is bridged message by message).
     */
    default String wireProtocol() {
        return "v1";
    }
}

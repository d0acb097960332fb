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

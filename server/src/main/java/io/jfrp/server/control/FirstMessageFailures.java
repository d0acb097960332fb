package io.jfrp.server.control;

import io.jfrp.mux.YamuxStreamChannel;
import io.jfrp.protocol.transport.LingeringClose;
import io.jfrp.server.security.CloseReason;
import io.jfrp.server.security.PendingConnection;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.Channel;

/**
 * What is closed when a first message fails (none in time, one of the wrong kind, a refused Login or
 * work connection): on a connection that has not authenticated, the whole connection, since a stock
 * frpc never leaves a stream idle or sends anything else before its Login; on a session that has
 * logged in, only the stream, reset so that nothing of it lingers. Each is counted under its reason.
 */
final class FirstMessageFailures {
    private FirstMessageFailures() {
    }

    /** Closes what {@code channel}'s failure leaves useless, counted under {@code reason}. */
    static void close(ServerSecurity security, Channel channel, CloseReason reason) {
        PendingConnection pending = PendingConnection.of(channel);
        if (pending != null && !pending.isAuthenticated()) {
            pending.close(reason);
            return;
        }
        security.count(reason, 1);
        closeStream(channel);
    }

    /** Closes {@code channel} alone: reset for a stream, close for a connection. */
    static void closeStream(Channel channel) {
        if (channel instanceof YamuxStreamChannel stream) {
            stream.reset();
        } else {
            channel.close();
        }
    }

    /**
     * Closes the connection under {@code channel} (the session, for a stream) after the final answer
     * just written to it: a TCP connection lingers, reading and dropping what the peer still sends,
     * so that the answer is not lost to a reset ({@link LingeringClose}).
     */
    static void closeConnection(Channel channel) {
        LingeringClose.close(PendingConnection.connectionOf(channel));
    }
}

package io.jfrp.client.transport;

import io.jfrp.client.transport.dial.StreamDialer;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The transports that carry a byte stream (tcp, kcp, websocket, wss, through a proxyURL or not): with
 * tcpMux a session is a yamux session (client role) over one dialed connection, whose streams are the
 * frp connections; without it a session dials a new connection for every frp connection.
 *
 * @param dialer the transport's connections
 * @param tcpMux transport.tcpMux
 * @param mux    the yamux settings
 * @param group  the client's loops
 */
public record StreamServerTransport(StreamDialer dialer, boolean tcpMux, YamuxConfig mux, EventLoopGroup group)
        implements ServerTransport {

    @Override
    public Future<ServerSession> openSession() {
        if (!tcpMux) {
            return group.next().newSucceededFuture(new DialingServerSession(dialer, group.next()));
        }
        Future<Channel> dialed = dialer.dial(null);
        Promise<ServerSession> opened = group.next().newPromise();
        dialed.addListener(f -> {
            if (!f.isSuccess()) {
                opened.tryFailure(f.cause());
                return;
            }
            Channel connection = (Channel) f.getNow();
            // jfrpc accepts no streams from the server: only the client opens streams in frp.
            YamuxSession session = new YamuxSession(YamuxRole.CLIENT, mux.withAcceptBacklog(0), null);
            connection.pipeline().addLast("yamux", session);
            if (!opened.trySuccess(new YamuxServerSession(session, connection))) {
                connection.close();
            }
        });
        return opened;
    }
}

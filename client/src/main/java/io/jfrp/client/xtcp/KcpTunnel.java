package io.jfrp.client.xtcp;

import io.jfrp.kcp.KcpChannel;
import io.jfrp.kcp.KcpClient;
import io.jfrp.kcp.KcpConfig;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.nathole.punch.PunchResult;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.time.Duration;

/**
 * xtcp's KCP tunnel (frp's {@code KCPTunnelSession} and {@code listenByKCP}): KCP with conv 1 and
 * frp's xtcp settings ({@link KcpConfig#frpXtcp()}: FEC 10+3, stream mode, nodelay, MTU 1350,
 * windows 1024) on the punched socket, yamux above it with frp's tunnel settings (keepalive 10 s,
 * 6 MiB stream window): the visitor is the yamux client and opens a stream per user connection, the
 * proxy side is the server.
 *
 * <p>Closing the KCP session closes the UDP socket. Runs on the socket's event loop.
 */
final class KcpTunnel implements XtcpTunnel {
    /** conv of both ends, as frp. */
    static final int CONV = 1;
    /** frp's fmux settings for xtcp: keepalive every 10 s, 6 MiB stream window. */
    static final YamuxConfig MUX = YamuxConfig.defaults()
            .withKeepalive(Duration.ofSeconds(10), YamuxConfig.DEFAULT_KEEPALIVE_TIMEOUT)
            .withWindow(false, 6 * 1024 * 1024);

    private final KcpChannel kcp;
    private final YamuxSession session;

    private KcpTunnel(KcpChannel kcp, YamuxSession session) {
        this.kcp = kcp;
        this.session = session;
    }

    /** The visitor's side: a yamux client over KCP to {@code hole.peer()}. */
    static Future<XtcpTunnel> dial(PunchResult hole) {
        YamuxSession session = new YamuxSession(YamuxRole.CLIENT, MUX.withAcceptBacklog(0), null);
        Promise<XtcpTunnel> result = hole.channel().eventLoop().newPromise();
        KcpClient.attach(hole.channel(), hole.peer(), CONV, KcpConfig.frpXtcp(), session).addListener(f -> {
            if (f.isSuccess()) {
                result.trySuccess(new KcpTunnel((KcpChannel) f.getNow(), session));
            } else {
                result.tryFailure(f.cause());
            }
        });
        return result;
    }

    /** The proxy side: a yamux server over KCP; every stream the visitor opens gets {@code streamHandler}. */
    static Future<Channel> serve(PunchResult hole, ChannelHandler streamHandler) {
        YamuxSession session = new YamuxSession(YamuxRole.SERVER, MUX, streamHandler);
        Promise<Channel> result = hole.channel().eventLoop().newPromise();
        KcpClient.attach(hole.channel(), hole.peer(), CONV, KcpConfig.frpXtcp(), session).addListener(f -> {
            if (f.isSuccess()) {
                result.trySuccess((Channel) f.getNow());
            } else {
                result.tryFailure(f.cause());
            }
        });
        return result;
    }

    @Override
    public String protocol() {
        return "kcp";
    }

    @Override
    public Future<? extends DuplexChannel> openStream(ChannelHandler handler) {
        return session.openStream(handler);
    }

    @Override
    public boolean isOpen() {
        return kcp.isActive() && !session.isClosed();
    }

    @Override
    public Channel channel() {
        return kcp;
    }
}

package io.jfrp.bench.mux;

import io.jfrp.bench.load.NettyLoops;
import io.jfrp.bench.paths.Child;
import io.jfrp.protocol.relay.Relay;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxStreamChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One side of the yamux multiplexer alone as a tunnel ({@link io.jfrp.bench.paths.MuxRelayPath}), own JVM:
 * <pre>
 *   MuxRelay server TUNNEL_HOST:PORT PUBLIC_HOST:PORT [--fixed-window]
 *   MuxRelay client TUNNEL_HOST:PORT TARGET_HOST:PORT [--fixed-window]
 * </pre>
 * The server takes the client's one connection on TUNNEL as a yamux session and relays each public
 * connection on PUBLIC over a stream it opens; the client connects each stream to TARGET. Both relay
 * with jfrp's own {@link Relay}, as jfrps and jfrpc do; no frp, no TLS. {@code --fixed-window} keeps
 * stock yamux's fixed 256 KiB receive window. Prints {@value #READY} when serving (the server also
 * {@value #CONNECTED} once the session is up) and exits when stdin closes. One event loop carries all.
 */
public final class MuxRelay {
    public static final String READY = "READY";
    public static final String CONNECTED = "CONNECTED";
    public static final String FIXED_WINDOW = "--fixed-window";

    /** A new stream reads nothing until it is joined to its connection. */
    private static final ChannelInitializer<Channel> HOLD = NettyLoops.initializer(Relay::holdUntilJoined);

    private MuxRelay() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        if (a.size() < 3 || !List.of("server", "client").contains(a.get(0))) {
            System.err.println("usage: MuxRelay server|client TUNNEL_HOST:PORT PUBLIC_OR_TARGET_HOST:PORT [--fixed-window]");
            System.exit(2);
        }
        YamuxConfig config = a.contains(FIXED_WINDOW)
                ? YamuxConfig.defaults().withWindow(false, YamuxConfig.INITIAL_WINDOW) : YamuxConfig.defaults();
        EventLoopGroup group = NettyLoops.newGroup(1);
        try {
            if (a.get(0).equals("server")) {
                server(group, config, Child.address(a.get(1)), Child.address(a.get(2)));
            } else {
                client(group, config, Child.address(a.get(1)), Child.address(a.get(2)));
            }
            System.out.println(READY);
            System.out.flush();
            Child.awaitStdinClosed();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static void server(EventLoopGroup group, YamuxConfig config, InetSocketAddress tunnel,
                               InetSocketAddress pub) throws InterruptedException {
        AtomicReference<YamuxSession> session = new AtomicReference<>();
        NettyLoops.tcpServer(group, ch -> {
            YamuxSession s = new YamuxSession(YamuxRole.SERVER, config, null);
            if (session.compareAndSet(null, s)) {
                ch.pipeline().addLast(s);
                System.out.println(CONNECTED);
                System.out.flush();
            } else {
                ch.close(); // one session only
            }
        }).childOption(ChannelOption.TCP_NODELAY, true).bind(tunnel).sync();
        NettyLoops.tcpServer(group, pubConn -> {
            Relay.holdUntilJoined(pubConn);
            YamuxSession s = session.get();
            if (s == null) {
                pubConn.close();
                return;
            }
            s.openStream(HOLD).addListener((Future<YamuxStreamChannel> f) -> {
                if (f.isSuccess()) {
                    Relay.join((DuplexChannel) pubConn, f.getNow());
                } else {
                    pubConn.close();
                }
            });
        }).childOption(ChannelOption.TCP_NODELAY, true).bind(pub).sync();
    }

    private static void client(EventLoopGroup group, YamuxConfig config, InetSocketAddress tunnel,
                               InetSocketAddress target) throws InterruptedException {
        ChannelInitializer<Channel> eachStream = NettyLoops.initializer(stream -> relayTo(stream, target));
        NettyLoops.tcpClient(group, ch -> ch.pipeline().addLast(new YamuxSession(YamuxRole.CLIENT, config, eachStream)))
                .connect(tunnel).sync();
    }

    /**
     * Holds {@code held} (it reads nothing until joined), dials {@code target} and relays the two once
     * connected, as jfrpc relays a work connection to its local service; closes {@code held} on failure.
     */
    private static void relayTo(Channel held, SocketAddress target) {
        Relay.holdUntilJoined(held);
        NettyLoops.tcpClient(held.eventLoop(), Relay::holdUntilJoined).connect(target)
                .addListener((ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        Relay.join((DuplexChannel) f.channel(), (DuplexChannel) held);
                    } else {
                        held.close();
                    }
                });
    }
}

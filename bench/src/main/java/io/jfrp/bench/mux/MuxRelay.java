package io.jfrp.bench.mux;

import io.jfrp.bench.load.NettyLoops;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.mux.YamuxStreamChannel;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One side of the yamux multiplexer alone as a tunnel (the {@code yamux} paths of the high-latency
 * scenario, {@link io.jfrp.bench.paths.MuxRelayPath}), run as its own JVM:
 * <pre>
 *   MuxRelay server TUNNEL_HOST:PORT PUBLIC_HOST:PORT [--fixed-window]
 *   MuxRelay client TUNNEL_HOST:PORT TARGET_HOST:PORT [--fixed-window]
 * </pre>
 * The server accepts the client's one TCP connection on TUNNEL (a yamux session in the server role)
 * and public TCP connections on PUBLIC, each relayed over a stream it opens; the client dials TUNNEL
 * (client role) and connects each stream to TARGET. No frp, no TLS: the figures are the multiplexer's
 * and two relaying hops'. {@code --fixed-window} keeps yamux's fixed 256 KiB receive window (stock
 * yamux) instead of auto-tuning it. Prints {@value #READY} when serving (the server also
 * {@value #CONNECTED} once the client's session is up) and exits when stdin closes.
 *
 * <p>Threading: one event loop carries the session and every relayed connection.
 */
public final class MuxRelay {
    public static final String READY = "READY";
    public static final String CONNECTED = "CONNECTED";
    public static final String FIXED_WINDOW = "--fixed-window";

    /** A new stream reads nothing until it is spliced to its connection. */
    private static final ChannelInitializer<Channel> READ_OFF = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel stream) {
            stream.config().setAutoRead(false);
        }
    };

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
                server(group, config, address(a.get(1)), address(a.get(2)));
            } else {
                client(group, config, address(a.get(1)), address(a.get(2)));
            }
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until stdin closes: the harness is done or gone
            }
        } catch (IOException e) {
            // stdin broke: the harness is gone
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static void server(EventLoopGroup group, YamuxConfig config, InetSocketAddress tunnel,
                               InetSocketAddress pub) throws InterruptedException {
        AtomicReference<YamuxSession> session = new AtomicReference<>();
        new ServerBootstrap().group(group).channel(NettyLoops.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        YamuxSession s = new YamuxSession(YamuxRole.SERVER, config, null);
                        if (session.compareAndSet(null, s)) {
                            ch.pipeline().addLast(s);
                            System.out.println(CONNECTED);
                            System.out.flush();
                        } else {
                            ch.close(); // one session only
                        }
                    }
                }).bind(tunnel).sync();
        new ServerBootstrap().group(group).channel(NettyLoops.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel pubConn) {
                        YamuxSession s = session.get();
                        if (s == null) {
                            pubConn.close();
                            return;
                        }
                        s.openStream(READ_OFF).addListener((Future<YamuxStreamChannel> f) -> {
                            if (f.isSuccess()) {
                                splice(pubConn, f.getNow());
                            } else {
                                pubConn.close();
                            }
                        });
                    }
                }).bind(pub).sync();
    }

    private static void client(EventLoopGroup group, YamuxConfig config, InetSocketAddress tunnel,
                               InetSocketAddress target) throws InterruptedException {
        ChannelInitializer<Channel> eachStream = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.config().setAutoRead(false);
                new Bootstrap().group(stream.eventLoop()).channel(NettyLoops.socketChannel())
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .option(ChannelOption.AUTO_READ, false)
                        .handler(new ChannelInboundHandlerAdapter())
                        .connect(target).addListener((ChannelFutureListener) f -> {
                            if (f.isSuccess()) {
                                splice(f.channel(), stream);
                            } else {
                                stream.close();
                            }
                        });
            }
        };
        new Bootstrap().group(group).channel(NettyLoops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new YamuxSession(YamuxRole.CLIENT, config, eachStream))
                .connect(tunnel).sync();
    }

    /** Relays both ways between two channels whose reading is off until now. */
    private static void splice(Channel a, Channel b) {
        a.pipeline().addLast(new Forward(b));
        b.pipeline().addLast(new Forward(a));
        a.config().setAutoRead(true);
        b.config().setAutoRead(true);
    }

    /**
     * What its channel reads is written to {@code peer}; reading stops while the peer is not writable
     * and resumes when it drains (this channel's writability resumes the peer's reading the same way).
     * A half-close travels on: the end of this channel's input shuts the peer's output once what was
     * read before it is written; a channel shut both ways, or closed, closes.
     */
    private static final class Forward extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Forward(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.write(msg, peer.voidPromise());
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                peer.config().setAutoRead(true);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                DuplexChannel self = (DuplexChannel) ctx.channel();
                DuplexChannel other = (DuplexChannel) peer;
                peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> other.shutdownOutput().addListener(g -> {
                    if (other.isShutdown()) {
                        other.close();
                    }
                }));
                if (self.isShutdown()) {
                    self.close();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}

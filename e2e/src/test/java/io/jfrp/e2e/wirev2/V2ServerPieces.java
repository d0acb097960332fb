package io.jfrp.e2e.wirev2;

import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.auth.AuthenticationException;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.Pong;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.wire.AeadAlgorithm;
import io.jfrp.protocol.wire.ControlKeys;
import io.jfrp.protocol.wire.ServerWireSettings;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.protocol.wire.WireProtocol;
import io.jfrp.protocol.wire.WireRole;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal frps made of the wire v2 pieces (io.jfrp.protocol.wire, io.jfrp.mux, io.jfrp.certs) for
 * a stock frpc to talk to: TLS, a yamux server (or a connection per use without tcpMux), v1/v2
 * detection on each stream, the hello exchange, a token-checked Login, the encrypted control stream.
 * It records the NewProxy it gets, sends ReqWorkConn when asked, and on the v2 work connection that
 * answers it sends StartWorkConn and then a payload, collecting what comes back.
 */
final class V2ServerPieces implements AutoCloseable {
    static final String VERSION = "0.70.0";

    final CompletableFuture<Login> login = new CompletableFuture<>();
    final CompletableFuture<AeadAlgorithm> negotiated = new CompletableFuture<>();
    final CompletableFuture<NewProxy> proxy = new CompletableFuture<>();
    final CompletableFuture<byte[]> firstControlBytes = new CompletableFuture<>();
    final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<WireProtocol> protocols = new ConcurrentLinkedQueue<>();

    private final boolean tcpMux;
    private final SslContext tls;
    private final ServerWireSettings settings;
    private final TokenAuthenticator auth;
    private final CryptoKey v1Key;
    private final Channel listener;
    private final String runId = "0123456789abcdef";
    private volatile Channel control;
    private volatile Exchange exchange;

    V2ServerPieces(EventLoopGroup group, boolean tcpMux, String token, Set<AeadAlgorithm> algorithms) throws Exception {
        this.tcpMux = tcpMux;
        this.tls = TestTls.server();
        this.settings = ServerWireSettings.forToken(token, VERSION).withAlgorithms(algorithms);
        this.auth = new TokenAuthenticator(token, Set.of(), Duration.ofMinutes(15));
        this.v1Key = CryptoKey.fromSecret(token);
        this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        if (V2ServerPieces.this.tcpMux) {
                            ch.pipeline().addLast("yamux", new YamuxSession(YamuxRole.SERVER, YamuxConfig.defaults(),
                                    streamInitializer()));
                        } else {
                            streamInitializer().initChannelNow(ch);
                        }
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private StreamInit streamInitializer() {
        return new StreamInit();
    }

    /** What every connection or stream gets: a tap of its first bytes, detection, the first-message handler. */
    private final class StreamInit extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel ch) {
            initChannelNow(ch);
        }

        void initChannelNow(Channel ch) {
            ch.pipeline().addLast("tap", new FirstBytesTap());
            WirePipelines.addServerDetection(ch.pipeline(), settings);
            ch.pipeline().addLast("first-message", new FirstMessage());
        }
    }

    /** Sends ReqWorkConn on the control stream; the work connection answering it relays {@code payload}. */
    CompletableFuture<byte[]> requestWorkConnection(byte[] payload) {
        Exchange e = new Exchange(payload);
        exchange = e;
        control.writeAndFlush(ReqWorkConn.INSTANCE);
        return e.received;
    }

    /** Keeps the first bytes of a connection or stream (magic, ClientHello, Login) for the test to inspect. */
    private static final class FirstBytesTap extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b && seen.size() < 65536) {
                seen.writeBytes(ByteBufUtil.getBytes(b));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Login (checked, then the control stream) or NewWorkConn (the pending exchange). */
    private final class FirstMessage extends SimpleChannelInboundHandler<Message> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            protocols.add(WireProtocol.of(ctx.channel()));
            FirstBytesTap tap = (FirstBytesTap) ctx.pipeline().remove("tap");
            if (msg instanceof Login l) {
                firstControlBytes.complete(tap.seen.toByteArray());
                onLogin(ctx, l);
            } else if (msg instanceof NewWorkConn w) {
                onWorkConn(ctx, w);
            } else {
                errors.add(new IllegalStateException("unexpected first message " + msg));
                ctx.close();
            }
        }

        private void onLogin(ChannelHandlerContext ctx, Login l) {
            try {
                auth.verifyLogin(l);
            } catch (AuthenticationException e) {
                ctx.writeAndFlush(LoginResp.failure(VERSION, e.getMessage())).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ControlKeys keys = ControlKeys.negotiatedOn(ctx.channel());
            negotiated.complete(keys == null ? null : keys.algorithm());
            ctx.writeAndFlush(LoginResp.success(VERSION, runId));
            WirePipelines.encryptControlStream(ctx.pipeline(), WireRole.SERVER, v1Key);
            control = ctx.channel();
            ctx.pipeline().replace(this, "control", new Control());
            login.complete(l);
        }

        private void onWorkConn(ChannelHandlerContext ctx, NewWorkConn w) {
            Exchange e = exchange;
            if (!runId.equals(w.runId()) || e == null) {
                ctx.writeAndFlush(new StartWorkConn("", "", "", 0, 0, "unknown run id or no request"))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            exchange = null;
            ctx.writeAndFlush(new StartWorkConn(proxy.getNow(null).proxyName(), "192.0.2.10", "127.0.0.1", 40000,
                    proxy.getNow(null).remotePort(), ""));
            FrpPipelines.startRelay(ctx.pipeline(), StreamWrapping.NONE, null);
            ctx.pipeline().replace(this, "relay", e);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(e.payload));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
            ctx.close();
        }
    }

    /** The encrypted control stream after login: NewProxy, Ping. */
    private final class Control extends SimpleChannelInboundHandler<Message> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
            if (msg instanceof NewProxy p) {
                ctx.writeAndFlush(new NewProxyResp(p.proxyName(), ":" + p.remotePort(), ""));
                proxy.complete(p);
            } else if (msg instanceof Ping) {
                ctx.writeAndFlush(Pong.OK);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
            ctx.close();
        }
    }

    /** One work connection's relay: sends the payload, completes with as many bytes received. */
    private static final class Exchange extends ChannelInboundHandlerAdapter {
        final byte[] payload;
        final CompletableFuture<byte[]> received = new CompletableFuture<>();
        private final ByteArrayOutputStream in = new ByteArrayOutputStream();

        Exchange(byte[] payload) {
            this.payload = payload;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf b) {
                in.writeBytes(ByteBufUtil.getBytes(b));
                if (in.size() >= payload.length) {
                    received.complete(in.toByteArray());
                    ctx.close();
                }
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            received.completeExceptionally(new IllegalStateException("work connection closed after " + in.size()
                    + " of " + payload.length + " bytes"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            received.completeExceptionally(cause);
            ctx.close();
        }
    }

    @Override
    public void close() {
        if (control != null) {
            control.close();
        }
        listener.close().syncUninterruptibly();
    }
}

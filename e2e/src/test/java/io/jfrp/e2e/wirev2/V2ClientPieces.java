package io.jfrp.e2e.wirev2;

import io.jfrp.certs.TlsClientContext;
import io.jfrp.mux.YamuxConfig;
import io.jfrp.mux.YamuxRole;
import io.jfrp.mux.YamuxSession;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.StreamWrapping;
import io.jfrp.protocol.auth.TokenAuthenticator;
import io.jfrp.protocol.crypto.CryptoKey;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.LoginResp;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.protocol.msg.NewWorkConn;
import io.jfrp.protocol.msg.ReqWorkConn;
import io.jfrp.protocol.msg.StartWorkConn;
import io.jfrp.protocol.wire.AeadAlgorithm;
import io.jfrp.protocol.wire.ClientWireSettings;
import io.jfrp.protocol.wire.ControlKeys;
import io.jfrp.protocol.wire.WhenActive;
import io.jfrp.protocol.wire.WirePipelines;
import io.jfrp.protocol.wire.WireProtocol;
import io.jfrp.protocol.wire.WireRole;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jfrpc's job done with the wire v2 pieces alone (io.jfrp.protocol.wire, io.jfrp.mux, io.jfrp.certs):
 * dial a stock frps over TLS (one yamux session, or a connection per use without tcpMux), log in
 * with wire protocol v2, register one tcp proxy, and answer each ReqWorkConn with a v2 work
 * connection (magic + NewWorkConn) that echoes the user's bytes after StartWorkConn.
 */
final class V2ClientPieces implements AutoCloseable {
    final CompletableFuture<String> runId = new CompletableFuture<>();
    final CompletableFuture<String> proxyRemoteAddr = new CompletableFuture<>();
    final CompletableFuture<AeadAlgorithm> negotiated = new CompletableFuture<>();
    final AtomicInteger workConnections = new AtomicInteger();
    final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private final EventLoopGroup group;
    private final int port;
    private final boolean tcpMux;
    private final TlsClientContext tls;
    private final TokenAuthenticator auth;
    private final CryptoKey v1Key;
    private final ClientWireSettings settings;
    private final String proxyName;
    private final int remotePort;
    private final ConcurrentLinkedQueue<Channel> channels = new ConcurrentLinkedQueue<>();
    private volatile YamuxSession session;

    V2ClientPieces(EventLoopGroup group, int port, boolean tcpMux, String token, List<AeadAlgorithm> offered,
                   String proxyName, int remotePort) throws Exception {
        this.group = group;
        this.port = port;
        this.tcpMux = tcpMux;
        this.tls = TestTls.client();
        this.auth = new TokenAuthenticator(token, Set.of(), Duration.ofMinutes(15));
        this.v1Key = CryptoKey.fromSecret(token);
        this.settings = ClientWireSettings.forToken(token, "tcp", true, tcpMux).withAlgorithms(offered);
        this.proxyName = proxyName;
        this.remotePort = remotePort;
    }

    /** Dials and starts the login; the futures report how it goes. */
    void start() {
        dial().whenComplete((ch, err) -> {
            if (err != null) {
                fail(err);
            } else if (tcpMux) {
                session = new YamuxSession(YamuxRole.CLIENT, YamuxConfig.defaults().withAcceptBacklog(0), null);
                ch.pipeline().addLast("yamux", session);
                session.openStream(controlInitializer()).addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(f.cause());
                    }
                });
            } else {
                ch.pipeline().addLast(controlInitializer());
            }
        });
    }

    /** A TCP + TLS connection to frps, once the handshake is done. */
    private CompletableFuture<Channel> dial() {
        CompletableFuture<Channel> ready = new CompletableFuture<>();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), "127.0.0.1", port));
                    }
                })
                .connect("127.0.0.1", port).addListener(f -> {
                    if (!f.isSuccess()) {
                        ready.completeExceptionally(f.cause());
                        return;
                    }
                    Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                    channels.add(ch);
                    ch.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                        if (h.isSuccess()) {
                            ready.complete(ch);
                        } else {
                            ready.completeExceptionally(h.cause());
                        }
                    });
                });
        return ready;
    }

    private ChannelInitializer<Channel> controlInitializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                WirePipelines.addClientControlCodec(ch.pipeline(), WireProtocol.V2, settings);
                ch.pipeline().addLast("control", new ControlHandler());
            }
        };
    }

    private ChannelInitializer<Channel> workInitializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                WirePipelines.addClientConnectionCodec(ch.pipeline(), WireProtocol.V2, Set.of(MessageType.START_WORK_CONN));
                ch.pipeline().addLast("work", new WorkHandler());
            }
        };
    }

    private void openWorkConnection() {
        if (tcpMux) {
            session.openStream(workInitializer()).addListener(f -> {
                if (!f.isSuccess()) {
                    fail(f.cause());
                }
            });
        } else {
            dial().whenComplete((ch, err) -> {
                if (err != null) {
                    fail(err);
                } else {
                    ch.pipeline().addLast(workInitializer());
                }
            });
        }
    }

    private void fail(Throwable t) {
        errors.add(t);
        runId.completeExceptionally(t);
        proxyRemoteAddr.completeExceptionally(t);
        negotiated.completeExceptionally(t);
    }

    /** Writes a connection's first message once the channel is active, then handles what comes back. */
    private abstract class FirstWriter extends WhenActive {
        @Override
        protected void onActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(first());
        }

        abstract Message first();

        /** When the server answered {@code what} with an error: fails the run, closes, and says true. */
        boolean refused(ChannelHandlerContext ctx, String what, String error) {
            if (error.isEmpty()) {
                return false;
            }
            fail(new IllegalStateException(what + " refused: " + error));
            ctx.close();
            return true;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }
    }

    /** The control stream: Login, then NewProxy after the switch, then ReqWorkConn as they come. */
    private final class ControlHandler extends FirstWriter {
        @Override
        Message first() {
            return auth.sign(Login.builder().version("0.70.0").os("linux").arch("amd64").hostname("wirev2-test")
                    .poolCount(1).build());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LoginResp resp) {
                if (refused(ctx, "login", resp.error())) {
                    return;
                }
                negotiated.complete(ControlKeys.negotiatedOn(ctx.channel()).algorithm());
                WirePipelines.encryptControlStream(ctx.pipeline(), WireRole.CLIENT, v1Key);
                runId.complete(resp.runId());
                ctx.writeAndFlush(NewProxy.builder(proxyName, "tcp").remotePort(remotePort).build());
            } else if (msg instanceof NewProxyResp resp) {
                if (resp.error().isEmpty()) {
                    proxyRemoteAddr.complete(resp.remoteAddr());
                } else {
                    proxyRemoteAddr.completeExceptionally(new IllegalStateException("proxy refused: " + resp.error()));
                }
            } else if (msg instanceof ReqWorkConn) {
                openWorkConnection();
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** A work connection: NewWorkConn (after the magic), StartWorkConn, then echo. */
    private final class WorkHandler extends FirstWriter {
        @Override
        Message first() {
            return auth.sign(NewWorkConn.of(runId.getNow("")));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof StartWorkConn start) {
                if (refused(ctx, "work connection", start.error())) {
                    return;
                }
                workConnections.incrementAndGet();
                FrpPipelines.startRelay(ctx.pipeline(), StreamWrapping.NONE, null);
            } else if (msg instanceof ByteBuf bytes) {
                ctx.writeAndFlush(bytes); // echo: the payload goes back the way it came
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    @Override
    public void close() {
        for (Channel ch : channels) {
            ch.close().syncUninterruptibly();
        }
    }
}

package io.jfrp.client.xtcp;

import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.KeyAlgorithm;
import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.certs.SubjectAltNames;
import io.jfrp.config.model.QuicOptions;
import io.jfrp.nathole.punch.PunchResult;
import io.jfrp.protocol.transport.quic.QuicKeepalive;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * xtcp's default tunnel: QUIC over the punched socket (frp's {@code QUICTunnelSession} and
 * {@code listenByQUIC}), with Netty's QUIC codec added to that socket's pipeline. The visitor dials as
 * client with ALPN "frp" and no certificate verification; the proxy side listens with a fresh
 * self-signed certificate and serves the first connection that completes its handshake (others are
 * closed). The idle timeout and the keepalive are the client's transport.quic (maxIdleTimeout,
 * keepalivePeriod; frp's defaults 30 s and 10 s), as frp's visitor and proxy take them for their tunnels;
 * 100000 bidirectional streams. Each user connection is one bidirectional stream of raw bytes opened by
 * the visitor.
 *
 * <h3>Keepalive</h3>
 * frp's quic-go pings every transport.quic.keepalivePeriod (10 s); Netty's QUIC codec has no PING
 * API. So both ends offer DATAGRAM frames and send one byte every keepalivePeriod, dropping what
 * arrives, when the peer offered them too (another jfrpc); quic-go in frp offers none and sends its
 * own pings, which we answer, so nothing is sent to it (a DATAGRAM written to such a peer ended the
 * connection). Without traffic either way the connection ends after maxIdleTimeout.
 *
 * <p>Closing the QUIC connection closes the UDP socket. Runs on the socket's event loop.
 */
final class QuicTunnel implements XtcpTunnel {
    private static final Logger log = LoggerFactory.getLogger(QuicTunnel.class);
    static final String ALPN = "frp";
    static final long MAX_STREAMS = 100_000;
    /** Bytes one stream may have in flight toward us. */
    static final long STREAM_WINDOW = 4L * 1024 * 1024;
    /** Bytes all streams of the connection may have in flight toward us. */
    static final long CONNECTION_WINDOW = 16L * 1024 * 1024;
    /** How long the proxy side waits for the visitor's handshake before giving the socket up. */
    static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(30);
    /** DATAGRAM frames queued each way. */
    static final int DATAGRAM_QUEUE = 8;

    private final QuicChannel connection;

    private QuicTunnel(QuicChannel connection) {
        this.connection = connection;
    }

    /** The visitor's side: dials {@code hole.peer()} over {@code hole.channel()} with the client's {@code options}. */
    static Future<XtcpTunnel> dial(PunchResult hole, QuicOptions options) {
        DatagramChannel udp = hole.channel();
        Promise<XtcpTunnel> result = udp.eventLoop().newPromise();
        udp.eventLoop().execute(() -> {
            try {
                QuicSslContext tls = QuicSslContextBuilder.forClient()
                        .trustManager(InsecureTrustManagerFactory.INSTANCE)
                        .applicationProtocols(ALPN).build();
                udp.pipeline().addLast("quic", windows(new QuicClientCodecBuilder(), options).sslContext(tls).build());
                QuicChannel.newBootstrap(udp)
                        .handler(new QuicKeepalive(keepalive(options)))
                        .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .remoteAddress(hole.peer())
                        .connect().addListener(f -> {
                            if (!f.isSuccess()) {
                                udp.close();
                                result.tryFailure(f.cause());
                                return;
                            }
                            QuicChannel quic = (QuicChannel) f.getNow();
                            quic.closeFuture().addListener(c -> udp.close());
                            result.trySuccess(new QuicTunnel(quic));
                        });
            } catch (RuntimeException e) {
                udp.close();
                result.tryFailure(e);
            }
        });
        return result;
    }

    /**
     * The proxy side: listens on {@code hole.channel()}; every stream of the accepted connection gets
     * {@code streamHandler}, with the client's {@code options}. The future completes when the visitor's
     * connection is accepted.
     */
    static Future<Channel> serve(PunchResult hole, ChannelHandler streamHandler, QuicOptions options) {
        DatagramChannel udp = hole.channel();
        Promise<Channel> accepted = udp.eventLoop().newPromise();
        udp.eventLoop().execute(() -> {
            try {
                CertifiedKey key = SelfSignedServerCertificate.generate(
                        SubjectAltNames.of(List.of("localhost", "127.0.0.1")), Duration.ofDays(1), KeyAlgorithm.EC_P256);
                QuicSslContext tls = QuicSslContextBuilder.forServer(key.privateKey(), null,
                                key.chain().toArray(X509Certificate[]::new))
                        .applicationProtocols(ALPN).build();
                // Netty's default token handler: no Retry round trip, as quic-go's listener (the peer
                // is the one the hole was punched to).
                udp.pipeline().addLast("quic", windows(new QuicServerCodecBuilder(), options)
                        .sslContext(tls)
                        .handler(new FirstConnection(udp, accepted, options))
                        .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                        .streamHandler(streamHandler)
                        .build());
                udp.eventLoop().schedule(() -> {
                    if (accepted.tryFailure(new java.io.IOException("no QUIC connection from the visitor within "
                            + ACCEPT_TIMEOUT.toSeconds() + " s"))) {
                        udp.close();
                    }
                }, ACCEPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                udp.close();
                accepted.tryFailure(e);
            }
        });
        return accepted;
    }

    /** transport.quic.maxIdleTimeout, frp's 30 s when zero. */
    static Duration idleTimeout(QuicOptions options) {
        return options.maxIdleTimeout().isZero() ? QuicOptions.DEFAULT.maxIdleTimeout() : options.maxIdleTimeout();
    }

    /** transport.quic.keepalivePeriod, frp's 10 s when zero. */
    static Duration keepalive(QuicOptions options) {
        return options.keepalivePeriod().isZero() ? QuicOptions.DEFAULT.keepalivePeriod() : options.keepalivePeriod();
    }

    private static <B extends QuicCodecBuilder<B>> B windows(B builder, QuicOptions options) {
        return builder.maxIdleTimeout(idleTimeout(options).toMillis(), TimeUnit.MILLISECONDS)
                .datagram(DATAGRAM_QUEUE, DATAGRAM_QUEUE)
                .initialMaxData(CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .initialMaxStreamsBidirectional(MAX_STREAMS)
                .initialMaxStreamsUnidirectional(0);
    }

    @Override
    public String protocol() {
        return "quic";
    }

    @Override
    public Future<? extends DuplexChannel> openStream(ChannelHandler handler) {
        return connection.createStream(QuicStreamType.BIDIRECTIONAL, handler);
    }

    @Override
    public Channel channel() {
        return connection;
    }

    /**
     * Serves the first QUIC connection, with the keepalive ({@link QuicKeepalive}) as the visitor's side
     * has it; closes any other; the UDP socket closes with the first.
     */
    @ChannelHandler.Sharable
    private static final class FirstConnection extends ChannelInboundHandlerAdapter {
        private final DatagramChannel udp;
        private final Promise<Channel> accepted;
        private final QuicOptions options;
        private QuicChannel current;

        FirstConnection(DatagramChannel udp, Promise<Channel> accepted, QuicOptions options) {
            this.udp = udp;
            this.accepted = accepted;
            this.options = options;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            QuicChannel quic = (QuicChannel) ctx.channel();
            if (current != null || !accepted.trySuccess(quic)) {
                log.debug("xtcp: a second QUIC connection from {} is refused", quic.remoteSocketAddress());
                quic.close();
                return;
            }
            current = quic;
            quic.closeFuture().addListener(f -> udp.close());
            quic.pipeline().addLast("keepalive", new QuicKeepalive(keepalive(options)));
            ctx.fireChannelActive();
        }
    }
}

package io.jfrp.server.transport;

import io.jfrp.config.model.QuicOptions;
import io.jfrp.protocol.transport.quic.QuicKeepalive;
import io.jfrp.server.security.PreAuthGuard;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.quic.QuicTokenHandler;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * quicBindPort: QUIC connections (Netty's QUIC codec, TLS 1.3 with ALPN "frp" and the server's
 * certificate, {@link ServerTls#quicContext}); every stream a client opens is one frp connection, with
 * no yamux (as stock frps, whatever tcpMux says), handed to {@link ClientStreams#initFrpConnection}.
 * transport.quic sets the idle timeout and how many streams a client may have open at once.
 * Each QUIC connection is admitted and given its login deadline as a connection to bindPort is
 * ({@link PreAuthGuard#withoutFirstByteDeadline}: QUIC's handshake is bounded by its idle timeout, and
 * its data comes on streams); before its Login it may open only jfrp.security.maxStreamsBeforeLogin
 * streams ({@link ClientStreams#admitQuicStream}).
 * transport.quic.keepalivePeriod: a one-byte DATAGRAM after that much silence to a client that takes them
 * (jfrpc; {@link QuicKeepalive}: Netty's QUIC has no PING, and stock frpc, which takes none, pings by
 * itself); the DATAGRAM frames a client sends (jfrpc's keepalive) are accepted and dropped.
 *
 * <p>All connections of the port run on the event loop of its UDP socket ({@link EventLoops#quicGroup};
 * NIO by default, epoll with segmentation offload with {@code -Djfrp.quic.epoll=true}, {@link QuicUdpSocket}).
 */
final class QuicClientListener implements AutoCloseable {
    /** Bytes one stream may have in flight toward us (quiche does not grow windows by itself). */
    static final long STREAM_WINDOW = 4L * 1024 * 1024;
    /** Bytes all streams of a connection may have in flight toward us. */
    static final long CONNECTION_WINDOW = 16L * 1024 * 1024;
    /** DATAGRAM frames queued each way. */
    static final int DATAGRAM_QUEUE = 8;

    private final Channel udp;

    private QuicClientListener(Channel udp) {
        this.udp = udp;
    }

    static QuicClientListener bind(EventLoops loops, InetSocketAddress address, QuicSslContext tls, QuicOptions quic,
                                   ClientStreams streams) throws InterruptedException {
        ChannelHandler codec = QuicUdpSocket.offload(new QuicServerCodecBuilder(), loops.quicEpoll())
                .sslContext(tls)
                .maxIdleTimeout(quic.maxIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(CONNECTION_WINDOW)
                .initialMaxStreamDataBidirectionalLocal(STREAM_WINDOW)
                .initialMaxStreamDataBidirectionalRemote(STREAM_WINDOW)
                .initialMaxStreamsBidirectional(quic.maxIncomingStreams())
                .initialMaxStreamsUnidirectional(0)
                .datagram(DATAGRAM_QUEUE, DATAGRAM_QUEUE)
                .tokenHandler(NoRetry.INSTANCE)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        connection.pipeline().addLast(PreAuthGuard.NAME,
                                PreAuthGuard.withoutFirstByteDeadline(streams.security()));
                        connection.pipeline().addLast("keepalive", new QuicKeepalive(quic.keepalivePeriod()));
                    }
                })
                .streamHandler(new ChannelInitializer<QuicStreamChannel>() {
                    @Override
                    protected void initChannel(QuicStreamChannel stream) {
                        if (!streams.admitQuicStream(stream)) {
                            stream.close();
                            return;
                        }
                        streams.initFrpConnection(stream);
                    }
                })
                .build();
        Channel udp = QuicUdpSocket.configure(new Bootstrap().group(loops.quicGroup()), loops.datagramChannel(), loops.quicEpoll())
                .handler(codec).bind(address).sync().channel();
        return new QuicClientListener(udp);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) udp.localAddress();
    }

    @Override
    public void close() {
        udp.close().syncUninterruptibly();
    }

    /**
     * No Retry round trip (address validation by token), as quic-go's server by default: a client's
     * Initial is answered at once. QUIC's own limit (3x what the client sent until it is validated)
     * bounds amplification.
     */
    private static final class NoRetry implements QuicTokenHandler {
        static final NoRetry INSTANCE = new NoRetry();

        @Override
        public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
            return false;
        }

        @Override
        public int validateToken(ByteBuf token, InetSocketAddress address) {
            return 0;
        }

        @Override
        public int maxTokenLength() {
            return 0;
        }
    }
}

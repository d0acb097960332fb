package io.jfrp.server.transport;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.ServerTransportConfig;
import io.jfrp.server.monitor.JfrpMeters;
import io.jfrp.server.security.PreAuthGuard;
import io.jfrp.server.security.ServerSecurity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where frp clients connect, on every transport they may use, and the layers each connection gets
 * before its first frp message:
 * <ul>
 *   <li>bindAddr:bindPort (TCP): {@link PreAuthGuard} first (admission: limits on connections not
 *   logged in, addresses refused after failed logins; the deadlines for the first byte and the
 *   login), then the front steps when there are any (the https and http vhosts sharing bindPort), then
 *   {@link TransportSniffer}, which tells TLS (0x16, or frp's 0x17 marker), frp's WebSocket
 *   ({@code GET /~!frp}) and plain apart, in either order (websocket with TLS inside, wss), every
 *   TLS handshake within jfrp.security.tlsHandshakeTimeout;</li>
 *   <li>kcpBindPort (UDP, when set): KCP sessions, each admitted and given its deadlines the same
 *   way, then TLS or plain ({@link KcpClientListener});</li>
 *   <li>quicBindPort (UDP, when set): QUIC, each connection admitted and given its login deadline,
 *   every stream an frp connection ({@link QuicClientListener});</li>
 * </ul>
 * then {@link ClientStreams}: with tcpMux a yamux session (server role) whose streams are the frp
 * connections (only jfrp.security.maxStreamsBeforeLogin at once until the Login), and on each frp
 * connection the wire protocol detection (v1 or v2) and the handler of the first message, from
 * {@code firstMessage} (the control package's). Knows nothing of what the messages mean.
 */
public final class ClientListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientListener.class);

    private final ServerConfig config;
    private final EventLoops loops;
    private final SslContext sslContext;
    private final QuicSslContext quicContext;
    private final ClientStreams streams;
    private final List<Supplier<ChannelHandler>> frontSteps;
    private final ServerSecurity security;
    private Channel listener;
    private KcpClientListener kcp;
    private QuicClientListener quic;

    /**
     * @param sslContext   the TLS context of bindPort and kcpBindPort
     * @param firstMessage a new handler for the first frp message of a connection or stream
     * @param meters       told of TLS handshakes, refusals before authentication, yamux streams and stalls
     * @param frontSteps   new handlers, in order, that see each TCP connection's first bytes before
     *                     the transport sniffer and may take the connection elsewhere (the https and
     *                     http vhosts sharing bindPort); empty for none
     * @param security     admission, deadlines and limits before authentication, on every transport
     * @throws IOException when quicBindPort is set and the QUIC TLS context cannot be made (its files)
     */
    public ClientListener(ServerConfig config, EventLoops loops, SslContext sslContext,
                          Supplier<ChannelHandler> firstMessage, JfrpMeters meters,
                          List<Supplier<ChannelHandler>> frontSteps, ServerSecurity security) throws IOException {
        this.config = config;
        this.loops = loops;
        this.sslContext = sslContext;
        this.quicContext = config.transport().quicBindPort() == 0 ? null : ServerTls.quicContext(config.tls());
        this.streams = new ClientStreams(config, firstMessage, meters, security);
        this.frontSteps = List.copyOf(frontSteps);
        this.security = security;
    }

    /** Binds bindPort, and kcpBindPort and quicBindPort when set; serving when this returns. */
    public void start() throws InterruptedException {
        listener = loops.serverBootstrap()
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(PreAuthGuard.NAME, new PreAuthGuard(security));
                        for (int i = 0; i < frontSteps.size(); i++) {
                            ch.pipeline().addLast("front-" + i, frontSteps.get(i).get());
                        }
                        ch.pipeline().addLast("transport", TransportSniffer.forBindPort(sslContext,
                                config.tls().force(), security.settings().preAuth().tlsHandshakeTimeout(),
                                streams::afterTransport, streams.meters()));
                    }
                })
                .bind(new InetSocketAddress(config.bindAddr(), config.bindPort())).sync().channel();
        ServerTransportConfig transport = config.transport();
        try {
            if (transport.kcpBindPort() != 0) {
                kcp = KcpClientListener.bind(loops, new InetSocketAddress(config.bindAddr(), transport.kcpBindPort()),
                        sslContext, config.tls().force(), streams);
                log.info("jfrps kcp listening on udp {}", kcp.address());
            }
            if (transport.quicBindPort() != 0) {
                quic = QuicClientListener.bind(loops, new InetSocketAddress(config.bindAddr(),
                        transport.quicBindPort()), quicContext, transport.quic(), streams);
                log.info("jfrps quic listening on udp {}", quic.address());
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The address bindPort is bound to (its port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The UDP address of kcpBindPort, or null when it is off. */
    public InetSocketAddress kcpAddress() {
        return kcp == null ? null : kcp.address();
    }

    /** The UDP address of quicBindPort, or null when it is off. */
    public InetSocketAddress quicAddress() {
        return quic == null ? null : quic.address();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (kcp != null) {
            kcp.close();
        }
        if (quic != null) {
            quic.close();
        }
    }
}

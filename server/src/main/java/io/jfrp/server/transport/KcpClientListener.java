package io.jfrp.server.transport;

import io.jfrp.kcp.KcpConfig;
import io.jfrp.kcp.KcpServer;
import io.jfrp.server.security.PreAuthGuard;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;

/**
 * kcpBindPort: KCP sessions over UDP ({@link KcpServer}, frps's settings {@link KcpConfig#frpServer()}),
 * each then treated as an accepted TCP connection: admitted and given its deadlines before
 * authentication ({@link PreAuthGuard}, the same limits as bindPort's), TLS or plain by its first
 * byte, yamux with tcpMux, frp's messages ({@link ClientStreams}). As in stock frps, no WebSocket
 * here. The port may equal bindPort (one is UDP, the other TCP).
 */
final class KcpClientListener implements AutoCloseable {
    private final KcpServer server;

    private KcpClientListener(KcpServer server) {
        this.server = server;
    }

    /** Binds {@code address}; serving when this returns. */
    static KcpClientListener bind(EventLoops loops, InetSocketAddress address, SslContext ssl, boolean tlsForce,
                                  ClientStreams streams) throws InterruptedException {
        KcpServer server = KcpServer.bind(loops.workerGroup(), loops.datagramChannel(), address, KcpConfig.frpServer(),
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel session) {
                        session.pipeline().addLast(PreAuthGuard.NAME, new PreAuthGuard(streams.security()));
                        session.pipeline().addLast("transport", new TransportSniffer(ssl, tlsForce,
                                streams.security().settings().preAuth().tlsHandshakeTimeout(), streams::afterTransport,
                                streams.meters()));
                    }
                }).sync().getNow();
        return new KcpClientListener(server);
    }

    InetSocketAddress address() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}

package io.jfrp.client.transport.dial;

import io.jfrp.certs.TlsClientContext;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;

/**
 * TLS toward the server (transport.tls): the SNI and the name checked are transport.tls.serverName,
 * else serverAddr ({@link TlsClientContext}). When {@code firstByte} is set, frp's 0x17 byte goes
 * first (transport.tls.disableCustomTLSFirstByte = false), which older frps needs to tell TLS from
 * plain connections, and frps needs when vhostHTTPSPort shares bindPort.
 *
 * @param tls       the client's TLS context
 * @param host      serverAddr (the name used when no serverName is configured)
 * @param port      serverPort
 * @param firstByte send 0x17 before the ClientHello
 */
record TlsLayer(TlsClientContext tls, String host, int port, boolean firstByte) implements TransportLayer {
    /** frp's byte announcing TLS. */
    static final int FRP_TLS_MARKER = 0x17;

    @Override
    public Future<?> install(Channel channel) {
        if (firstByte) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {FRP_TLS_MARKER}));
        }
        // Added to an active channel, the SslHandler starts its handshake at once.
        SslHandler ssl = tls.newHandler(channel.alloc(), host, port);
        channel.pipeline().addLast("tls", ssl);
        return ssl.handshakeFuture();
    }
}

package io.jfrp.client.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Writes frp's 0x17 byte before the TLS ClientHello (transport.tls.disableCustomTLSFirstByte =
 * false), which older frps needs to tell TLS from plain connections. Sits in front of the
 * SslHandler, so the byte leaves before the handshake the SslHandler starts on channelActive.
 */
@ChannelHandler.Sharable
final class TlsFirstByte extends ChannelInboundHandlerAdapter {
    static final TlsFirstByte INSTANCE = new TlsFirstByte();
    static final int MARKER = 0x17;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {MARKER}));
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}

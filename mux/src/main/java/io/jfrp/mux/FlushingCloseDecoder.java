package io.jfrp.mux;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.net.SocketAddress;

/**
 * A decoder that also sees its connection's close and disconnect, to write out what it has written
 * but not flushed first ({@link #flushBeforeClose}); every other outbound event passes on unchanged.
 * {@link YamuxSession}'s flush waits for the event loop's turn to end, so a stream's last words,
 * written just before the connection is closed (a refused login's answer, closed from the write's
 * listener), would otherwise be dropped with the connection's unflushed writes.
 */
abstract class FlushingCloseDecoder extends ByteToMessageDecoder implements ChannelOutboundHandler {
    /** Writes out what was written and not flushed yet; the connection is about to close. */
    protected abstract void flushBeforeClose();

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        flushBeforeClose();
        ctx.close(promise);
    }

    @Override
    public void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        flushBeforeClose();
        ctx.disconnect(promise);
    }

    @Override
    public void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
                        ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    public void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        ctx.read();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}

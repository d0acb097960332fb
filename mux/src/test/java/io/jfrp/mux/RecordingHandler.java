package io.jfrp.mux;

import io.jfrp.testkit.EmbeddedBytes;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Test support: a stream handler that keeps what it read and the events it saw, releasing buffers. */
@ChannelHandler.Sharable
class RecordingHandler extends ChannelInboundHandlerAdapter {
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    final List<Object> events = new ArrayList<>();
    final List<YamuxStreamChannel> channels = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    int inactive;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channels.add((YamuxStreamChannel) ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        received.writeBytes(EmbeddedBytes.readAndRelease(msg));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive++;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
    }

    YamuxStreamChannel channel() {
        return channels.get(channels.size() - 1);
    }
}

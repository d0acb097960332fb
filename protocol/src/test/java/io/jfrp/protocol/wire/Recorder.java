package io.jfrp.protocol.wire;

import io.jfrp.protocol.msg.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The application end of a test pipeline: records messages, bytes, user events and errors. */
final class Recorder extends ChannelInboundHandlerAdapter {
    final List<Message> messages = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Object> events = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    private final BiConsumer<ChannelHandlerContext, Message> onMessage;

    Recorder() {
        this((ctx, m) -> {
        });
    }

    Recorder(BiConsumer<ChannelHandlerContext, Message> onMessage) {
        this.onMessage = onMessage;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            bytes.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        } else {
            messages.add((Message) msg);
            onMessage.accept(ctx, (Message) msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
        ctx.close();
    }
}

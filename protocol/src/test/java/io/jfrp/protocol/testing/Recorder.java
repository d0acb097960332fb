package io.jfrp.protocol.testing;

import io.jfrp.protocol.msg.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The application end of a test pipeline: records the messages, the bytes of buffers (released), user
 * events and errors that reach it. An error also closes the channel, as the programs' handlers do;
 * tests that expect none assert {@link #errors} empty.
 */
public final class Recorder extends ChannelInboundHandlerAdapter {
    public final List<Message> messages = new ArrayList<>();
    public final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    public final List<Object> events = new ArrayList<>();
    public final List<Throwable> errors = new ArrayList<>();
    private final BiConsumer<ChannelHandlerContext, Message> onMessage;

    /** A recorder that only records. */
    public Recorder() {
        this((ctx, m) -> {
        });
    }

    /** A recorder that also answers: {@code onMessage} runs after each message is recorded. */
    public Recorder(BiConsumer<ChannelHandlerContext, Message> onMessage) {
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

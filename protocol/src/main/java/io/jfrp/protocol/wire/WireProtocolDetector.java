package io.jfrp.protocol.wire;

import io.jfrp.classpath.OptionalJars;
import io.jfrp.protocol.FrpPipelines;
import io.jfrp.protocol.codec.MessageFrameDecoder;
import io.jfrp.protocol.codec.MessageFrameEncoder;
import io.jfrp.protocol.msg.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Server side: tells wire protocol v1 from v2 on a new connection or yamux stream, installs the
 * matching message codec in its own place, and leaves the pipeline.
 *
 * <h3>Detection</h3>
 * Waits for exactly 7 bytes. If they are the magic {@code 46 52 50 00 02 0D 0A} the stream is v2:
 * the magic is consumed and the v2 frame decoder, encoder and {@link ServerHandshakeHandler} are
 * installed. Otherwise it is v1 (no v1 message starts with 'F'): the v1 frame decoder and encoder
 * are installed and the 7 bytes, with anything after them, are replayed into the v1 decoder. Either
 * way the codec goes in under {@link FrpPipelines#FRAME_DECODER} and
 * {@link FrpPipelines#FRAME_ENCODER}, so the layer switches work unchanged.
 *
 * <h3>Telling the caller</h3>
 * Before any message is decoded, {@link WireProtocol#of(io.netty.channel.Channel)} returns the
 * protocol and a {@link WireProtocolDetected} user event travels down the pipeline.
 *
 * <h3>Limits</h3>
 * The 7 bytes must arrive within {@link ServerWireSettings#detectionTimeout()} (counted from when
 * the channel is active); otherwise a {@link DetectionTimeoutException} is fired and the channel
 * closed. A stream that ends before 7 bytes fires a {@link WireFrameException} ({@code TRUNCATED}).
 * At most 7 bytes plus one read are buffered here.
 *
 * <p>Not sharable. Event loop only.
 */
public final class WireProtocolDetector extends ByteToMessageDecoder {
    /** The first messages a server accepts on a connection or stream. */
    static final Set<MessageType> FIRST_MESSAGES =
            EnumSet.of(MessageType.LOGIN, MessageType.NEW_WORK_CONN, MessageType.NEW_VISITOR_CONN);

    private final ServerWireSettings settings;
    private ScheduledFuture<?> timeout;
    /** The protocol is known, or detection gave up (deadline, end of stream): ignore further input. */
    private boolean finished;

    public WireProtocolDetector(ServerWireSettings settings) {
        this.settings = settings;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        if (ctx.channel().isActive()) {
            startTimer(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        startTimer(ctx);
        super.channelActive(ctx);
    }

    private void startTimer(ChannelHandlerContext ctx) {
        if (timeout != null || finished) {
            return;
        }
        long millis = settings.detectionTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> {
            if (!finished && !ctx.isRemoved()) {
                finished = true;
                ctx.fireExceptionCaught(new DetectionTimeoutException(millis));
                ctx.close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (finished || in.readableBytes() < WireFrames.MAGIC_LENGTH) {
            return;
        }
        finished = true;
        WireProtocol protocol = WireFrames.isMagic(in, in.readerIndex()) ? WireProtocol.V2 : WireProtocol.V1;
        ChannelPipeline p = ctx.pipeline();
        if (protocol == WireProtocol.V2) {
            in.skipBytes(WireFrames.MAGIC_LENGTH);
            p.addAfter(ctx.name(), FrpPipelines.FRAME_DECODER,
                    new WireFrameDecoder(WireFrameDecoder.Start.CLIENT_HELLO_OR_MESSAGE, FIRST_MESSAGES));
            p.addAfter(FrpPipelines.FRAME_DECODER, FrpPipelines.FRAME_ENCODER, WireFrameEncoder.INSTANCE);
            OptionalJars.require(); // Bouncy Castle: the v2 key schedule and XChaCha20-Poly1305
            p.addAfter(FrpPipelines.FRAME_ENCODER, WirePipelines.HANDSHAKE, new ServerHandshakeHandler(settings));
        } else {
            p.addAfter(ctx.name(), FrpPipelines.FRAME_DECODER, new MessageFrameDecoder());
            p.addAfter(FrpPipelines.FRAME_DECODER, FrpPipelines.FRAME_ENCODER, MessageFrameEncoder.INSTANCE);
        }
        ctx.channel().attr(WireProtocol.ATTRIBUTE).set(protocol);
        ctx.fireUserEventTriggered(new WireProtocolDetected(protocol));
        // ByteToMessageDecoder hands what is still buffered (v1: the 7 bytes and more) to the new
        // decoder when this one is removed, after decode() returns.
        p.remove(this);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (!finished && in.isReadable()) {
            int available = in.readableBytes();
            in.skipBytes(available);
            finished = true;
            throw WireFrameException.truncatedMagic(available);
        }
    }

    /** Fired when the first 7 bytes did not arrive in time; the channel is closed right after. */
    public static final class DetectionTimeoutException extends ChannelException {
        private static final long serialVersionUID = 1L;

        DetectionTimeoutException(long millis) {
            super("no wire protocol magic or v1 message within " + millis + " ms");
        }
    }

    /**
     * The user event fired when the protocol of a connection or stream is known, before its first
     * message is decoded.
     *
     * @param protocol v1 or v2
     */
    public record WireProtocolDetected(WireProtocol protocol) {
    }
}

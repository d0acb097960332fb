package io.jfrp.protocol.wire;

import io.jfrp.protocol.codec.FailFastDecoder;
import io.jfrp.protocol.codec.FramingDecoder;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decodes wire protocol v2 frames ({@link WireFrames}) into {@link Message}s and, where a hello is
 * allowed, {@link HelloFrame}s. The magic is not its business: {@link WireProtocolDetector} (server)
 * consumes it before this decoder sees a byte, and the client writes it.
 *
 * <h3>What it accepts</h3>
 * The {@link Start} says what the first frame may be; every later frame must be a Message. An
 * optional set of message types restricts the first message (a reader expecting LoginResp rejects
 * anything else, as stock frp's {@code ReadMsgInto} does).
 *
 * <h3>Validation</h3>
 * As soon as the 8-byte header is there: flags must be 0, the length at most
 * {@link WireFrames#MAX_PAYLOAD_LENGTH}, the type known and expected here; for a Message, a
 * payload of at least 2 bytes and, once those are there, a known id (and an expected one). So at most
 * one header plus 65536 payload bytes are ever buffered. The JSON is checked when the payload is
 * complete. Each failure is a {@link WireFrameException}; after one the decoder discards everything
 * (the stream has lost its framing) and the channel's owner is expected to close it. A stream that
 * ends inside a frame is {@code TRUNCATED}.
 *
 * <h3>Switching layers</h3>
 * Exactly one frame is decoded per step and only its own bytes consumed, so a handler reacting to a
 * message (LoginResp, StartWorkConn) can switch layers and the bytes still buffered here are handed
 * on intact ({@link #takeBuffered()}, {@link io.jfrp.protocol.FrpPipelines}).
 *
 * <p>Not sharable: it holds the partial frame of one channel. Event loop only.
 */
public final class WireFrameDecoder extends FailFastDecoder implements FramingDecoder {
    /** What the first frame of the stream may be. */
    public enum Start {
        /** Messages only: work and visitor connections, and any stream after a layer switch. */
        MESSAGES,
        /** Server side: a ClientHello (control stream) or a Message (work and visitor connections). */
        CLIENT_HELLO_OR_MESSAGE,
        /** Client control stream: the ServerHello, then messages. */
        SERVER_HELLO
    }

    private final Start start;
    /** Allowed types of the first message; empty for any. */
    private final Set<MessageType> firstMessage;
    private boolean frameSeen;
    private boolean messageSeen;

    /** A decoder that accepts messages only, of any type. */
    public WireFrameDecoder() {
        this(Start.MESSAGES, Set.of());
    }

    /**
     * @param start        what the first frame may be
     * @param firstMessage the types the first message may have; empty for any
     */
    public WireFrameDecoder(Start start, Set<MessageType> firstMessage) {
        super(WireFrameException.class);
        this.start = start;
        this.firstMessage = firstMessage.isEmpty() ? Set.of() : EnumSet.copyOf(firstMessage);
    }

    @Override
    protected void decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < WireFrames.HEADER_LENGTH) {
            return;
        }
        int r = in.readerIndex();
        int typeCode = in.getUnsignedShort(r);
        int flags = in.getUnsignedShort(r + 2);
        long length = in.getUnsignedInt(r + 4);
        if (flags != 0) {
            throw WireFrameException.unsupportedFlags(typeCode, flags);
        }
        if (length > WireFrames.MAX_PAYLOAD_LENGTH) {
            throw WireFrameException.lengthExceedsLimit(typeCode, length);
        }
        WireFrameType type = WireFrameType.forCodeOrNull(typeCode);
        if (type == null) {
            throw WireFrameException.unknownFrameType(typeCode, length);
        }
        checkExpected(type, length);
        if (type == WireFrameType.MESSAGE) {
            if (length < WireFrames.MESSAGE_ID_LENGTH) {
                throw WireFrameException.payloadTooShort(length);
            }
            if (in.readableBytes() >= WireFrames.HEADER_LENGTH + WireFrames.MESSAGE_ID_LENGTH) {
                checkMessage(WireFrames.messageType(in.getUnsignedShort(r + WireFrames.HEADER_LENGTH), length));
            }
        }
        if (in.readableBytes() < WireFrames.HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(WireFrames.HEADER_LENGTH);
        ByteBuf payload = in.readSlice((int) length);
        frameSeen = true;
        if (type == WireFrameType.MESSAGE) {
            messageSeen = true;
            out.add(WireFrames.decodeMessagePayload(payload));
        } else {
            out.add(new HelloFrame(type, ByteBufUtil.getBytes(payload)));
        }
    }

    private void checkExpected(WireFrameType type, long length) {
        boolean expected;
        String what;
        if (frameSeen || start == Start.MESSAGES) {
            expected = type == WireFrameType.MESSAGE;
            what = "Message";
        } else if (start == Start.CLIENT_HELLO_OR_MESSAGE) {
            expected = type == WireFrameType.CLIENT_HELLO || type == WireFrameType.MESSAGE;
            what = "ClientHello or Message";
        } else {
            expected = type == WireFrameType.SERVER_HELLO;
            what = "ServerHello";
        }
        if (!expected) {
            throw WireFrameException.unexpectedFrameType(type.code(), length, what);
        }
    }

    private void checkMessage(MessageType type) {
        if (!messageSeen && !firstMessage.isEmpty() && !firstMessage.contains(type)) {
            throw WireFrameException.unexpectedMessage(type.name(), firstMessage.stream().map(Enum::name)
                    .sorted().collect(Collectors.joining(" or ")));
        }
    }

    @Override
    public WireFrameDecoder successor() {
        return new WireFrameDecoder();
    }

    @Override
    protected WireFrameException truncated(ByteBuf in) {
        int available = in.readableBytes();
        int type = available >= 2 ? in.getUnsignedShort(in.readerIndex()) : -1;
        long length = available >= WireFrames.HEADER_LENGTH ? in.getUnsignedInt(in.readerIndex() + 4) : -1;
        return WireFrameException.truncated(type, length, Math.max(0, available - WireFrames.HEADER_LENGTH));
    }
}

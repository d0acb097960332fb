package io.jfrp.protocol.wire;

import io.jfrp.protocol.codec.MessageFrameException;
import io.jfrp.protocol.codec.MessageJson;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The byte layout of wire protocol v2 framing, shared by the pipeline handlers and by tests.
 *
 * <h3>Magic</h3>
 * A v2 connection or stream starts with the 7 bytes {@code 46 52 50 00 02 0D 0A} ("FRP", 0x00,
 * 0x02, CR, LF). No v1 message starts with 'F', which is how a server tells the two apart.
 *
 * <h3>Frames</h3>
 * <pre>
 *   u16 type | u16 flags (always 0) | u32 length (at most 65536) | payload (length bytes)
 * </pre>
 * All big-endian. Type 1 ClientHello and 2 ServerHello carry JSON; type 16 Message carries
 * {@code u16 message id} ({@link MessageIds}) then the message's JSON body, exactly the body v1
 * sends. ReqWorkConn, for example, is {@code 00 10 00 00 00 00 00 04 00 07 7B 7D}.
 *
 * <p>Unlike v1, there is no separate limit on the JSON body: the whole payload, id included, is
 * limited to 65536 bytes.
 */
public final class WireFrames {
    /** u16 type, u16 flags, u32 length. */
    public static final int HEADER_LENGTH = 8;
    /** The largest payload stock frp reads or writes ({@code DefaultMaxFramePayloadSize}). */
    public static final int MAX_PAYLOAD_LENGTH = 64 * 1024;
    /** The message id in front of a Message frame's JSON body. */
    public static final int MESSAGE_ID_LENGTH = 2;
    /** Length of the v2 magic. */
    public static final int MAGIC_LENGTH = 7;

    private static final byte[] MAGIC = {'F', 'R', 'P', 0x00, 0x02, '\r', '\n'};

    private WireFrames() {
    }

    /** The 7-byte v2 magic (a fresh copy). */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    /** Whether the 7 bytes of {@code buf} at {@code index} are the v2 magic (they must be readable). */
    public static boolean isMagic(ByteBuf buf, int index) {
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (buf.getByte(index + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Appends the v2 magic. */
    public static void writeMagic(ByteBuf out) {
        out.writeBytes(MAGIC);
    }

    /**
     * Appends the Message frame of {@code message}.
     *
     * @throws IllegalArgumentException if its payload would exceed {@link #MAX_PAYLOAD_LENGTH}
     */
    public static void encodeMessage(Message message, ByteBuf out) {
        byte[] body = MessageJson.write(message);
        int length = MESSAGE_ID_LENGTH + body.length;
        if (length > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("v2 message " + message.type() + ": payload of " + length
                    + " bytes exceeds the frame limit of " + MAX_PAYLOAD_LENGTH + " bytes");
        }
        out.ensureWritable(HEADER_LENGTH + length);
        writeHeader(out, WireFrameType.MESSAGE, length);
        out.writeShort(MessageIds.idOf(message.type()));
        out.writeBytes(body);
    }

    /** The Message frame of {@code message} as a byte array. */
    public static byte[] encodeMessage(Message message) {
        ByteBuf out = Unpooled.buffer();
        try {
            encodeMessage(message, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** Appends a ClientHello or ServerHello frame with its payload as is. */
    public static void encodeHello(HelloFrame hello, ByteBuf out) {
        out.ensureWritable(HEADER_LENGTH + hello.payload().length);
        writeHeader(out, hello.type(), hello.payload().length);
        out.writeBytes(hello.payload());
    }

    /** The frame of {@code hello} as a byte array. */
    public static byte[] encodeHello(HelloFrame hello) {
        byte[] frame = new byte[HEADER_LENGTH + hello.payload().length];
        ByteBuf out = Unpooled.wrappedBuffer(frame).writerIndex(0);
        encodeHello(hello, out);
        return frame;
    }

    private static void writeHeader(ByteBuf out, WireFrameType type, int length) {
        out.writeShort(type.code());
        out.writeShort(0);
        out.writeInt(length);
    }

    /**
     * The type of a Message frame's id, checked as soon as the id is known.
     *
     * @throws WireFrameException {@code UNKNOWN_MESSAGE_ID}
     */
    static MessageType messageType(int id, long length) {
        MessageType type = MessageIds.typeOrNull(id);
        if (type == null) {
            throw WireFrameException.unknownMessageId(id, length);
        }
        return type;
    }

    /**
     * Decodes a complete Message payload: the id, then the JSON body.
     *
     * @param payload exactly the payload bytes (consumed)
     * @throws WireFrameException {@code PAYLOAD_TOO_SHORT}, {@code UNKNOWN_MESSAGE_ID} or {@code MALFORMED_BODY}
     */
    public static Message decodeMessagePayload(ByteBuf payload) {
        int length = payload.readableBytes();
        if (length < MESSAGE_ID_LENGTH) {
            throw WireFrameException.payloadTooShort(length);
        }
        int id = payload.readUnsignedShort();
        MessageType type = messageType(id, length);
        int bodyLength = payload.readableBytes();
        try {
            if (payload.hasArray()) {
                Message m = MessageJson.read(type, payload.array(), payload.arrayOffset() + payload.readerIndex(),
                        bodyLength);
                payload.skipBytes(bodyLength);
                return m;
            }
            return MessageJson.read(type, ByteBufUtil.getBytes(payload.readSlice(bodyLength)), 0, bodyLength);
        } catch (MessageFrameException e) {
            // MessageJson speaks v1 (type bytes); say it in v2 terms, keeping Jackson's detail.
            throw WireFrameException.malformedBody(type.name(), id, length, detail(e), e);
        }
    }

    /** Jackson's detail (with the field) when Jackson failed, else the v1 text. */
    private static String detail(MessageFrameException e) {
        return e.getCause() != null ? JsonErrors.describe(e.getCause()) : e.getMessage();
    }
}

package io.jfrp.protocol.codec;

import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * frp v1 framing without a Netty pipeline: {@code [1 byte type][int64 big-endian length][JSON body]}.
 * For blocking streams, byte arrays and {@link ByteBuf}s; the pipeline handlers
 * {@link MessageFrameDecoder} and {@link MessageFrameEncoder} use the same checks.
 *
 * <p>Decoding validates in wire order, as stock frp does: the type byte first, then the length
 * (negative or above {@link #MAX_BODY_LENGTH} is refused before any body byte is read), then the JSON.
 * Encoding refuses a body above the limit, since a stock peer would drop the connection on it.
 */
public final class MessageCodec {
    /** Type byte plus the 8-byte length. */
    public static final int HEADER_LENGTH = 9;
    /** The largest JSON body stock frp accepts ({@code defaultMaxMsgLength} in fatedier/golib). */
    public static final int MAX_BODY_LENGTH = 10240;

    private MessageCodec() {
    }

    /** The complete frame for {@code message}. */
    public static byte[] encode(Message message) {
        byte[] body = encodeBody(message);
        ByteBuffer frame = ByteBuffer.allocate(HEADER_LENGTH + body.length);
        frame.put(message.type().code()).putLong(body.length).put(body);
        return frame.array();
    }

    /** Appends the complete frame for {@code message} to {@code out}. */
    public static void encode(Message message, ByteBuf out) {
        if (message instanceof UdpPacket packet && encodeUdpPacket(packet, out)) {
            return;
        }
        byte[] body = encodeBody(message);
        out.ensureWritable(HEADER_LENGTH + body.length);
        out.writeByte(message.type().code()).writeLong(body.length).writeBytes(body);
    }

    /**
     * A UDPPacket's frame written in place ({@link UdpPacketJson}); false, with nothing written, if
     * its addresses need the general path.
     */
    private static boolean encodeUdpPacket(UdpPacket packet, ByteBuf out) {
        int start = out.writerIndex();
        out.ensureWritable(HEADER_LENGTH + UdpPacketJson.sizeHint(packet.contentLength()));
        out.writeByte(packet.type().code()).writeLong(0);
        if (!UdpPacketJson.write(packet, out)) {
            out.writerIndex(start);
            return false;
        }
        int length = out.writerIndex() - start - HEADER_LENGTH;
        if (length > MAX_BODY_LENGTH) {
            out.writerIndex(start);
            throw tooLong(packet, length);
        }
        out.setLong(start + 1, length);
        return true;
    }

    /**
     * The JSON body of {@code message}.
     *
     * @throws IllegalArgumentException if it is longer than {@link #MAX_BODY_LENGTH}
     */
    public static byte[] encodeBody(Message message) {
        byte[] body = MessageJson.write(message);
        if (body.length > MAX_BODY_LENGTH) {
            throw tooLong(message, body.length);
        }
        return body;
    }

    private static IllegalArgumentException tooLong(Message message, int length) {
        return new IllegalArgumentException("message type " + MessageType.describe(message.type().code())
                + ": body of " + length + " bytes exceeds the limit of " + MAX_BODY_LENGTH
                + " bytes that frp peers accept");
    }

    /** Writes the frame for {@code message} to a blocking stream (does not flush). */
    public static void write(OutputStream out, Message message) throws IOException {
        out.write(encode(message));
    }

    /**
     * Decodes exactly one complete frame.
     *
     * @throws MessageFrameException if the frame is invalid, incomplete, or followed by more bytes
     */
    public static Message decode(byte[] frame) {
        if (frame.length == 0) {
            throw MessageFrameException.truncated(0, -1, 0);
        }
        MessageType type = checkType(frame[0]);
        if (frame.length < HEADER_LENGTH) {
            throw MessageFrameException.truncated(frame[0], -1, 0);
        }
        long length = ByteBuffer.wrap(frame, 1, 8).getLong();
        checkLength(type, length);
        long available = frame.length - HEADER_LENGTH;
        if (available < length) {
            throw MessageFrameException.truncated(frame[0], length, available);
        }
        if (available > length) {
            throw MessageFrameException.trailingBytes(frame[0], length, available - length);
        }
        return MessageJson.read(type, frame, HEADER_LENGTH, (int) length);
    }

    /**
     * Reads one frame from a blocking stream.
     *
     * @throws EOFException          if the stream ends before the first byte of a frame
     * @throws MessageFrameException if the frame is invalid or the stream ends inside it
     */
    public static Message read(InputStream in) throws IOException {
        int typeByte = in.read();
        if (typeByte < 0) {
            throw new EOFException("end of stream before the next message");
        }
        MessageType type = checkType(typeByte);
        byte[] lengthBytes = in.readNBytes(8);
        if (lengthBytes.length < 8) {
            throw MessageFrameException.truncated(typeByte, -1, 0);
        }
        long length = ByteBuffer.wrap(lengthBytes).getLong();
        checkLength(type, length);
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw MessageFrameException.truncated(typeByte, length, body.length);
        }
        return MessageJson.read(type, body, 0, body.length);
    }

    /** Parses a JSON body of the given type (the body must be complete). */
    public static Message decodeBody(MessageType type, ByteBuf body) {
        int length = body.readableBytes();
        if (length > MAX_BODY_LENGTH) {
            throw MessageFrameException.lengthExceedsLimit(type.code(), length);
        }
        if (type == MessageType.UDP_PACKET) {
            UdpPacket packet = UdpPacketJson.read(body);
            if (packet != null) {
                return packet;
            }
        }
        if (body.hasArray()) {
            return MessageJson.read(type, body.array(), body.arrayOffset() + body.readerIndex(), length);
        }
        return MessageJson.read(type, ByteBufUtil.getBytes(body), 0, length);
    }

    /** The registered type of a type byte; {@code UNKNOWN_TYPE} otherwise. */
    static MessageType checkType(int typeByte) {
        MessageType type = MessageType.forCodeOrNull(typeByte);
        if (type == null) {
            throw MessageFrameException.unknownType(typeByte);
        }
        return type;
    }

    /** Refuses a declared body length that is negative or above the limit. */
    static void checkLength(MessageType type, long length) {
        if (length < 0) {
            throw MessageFrameException.negativeLength(type.code(), length);
        }
        if (length > MAX_BODY_LENGTH) {
            throw MessageFrameException.lengthExceedsLimit(type.code(), length);
        }
    }
}

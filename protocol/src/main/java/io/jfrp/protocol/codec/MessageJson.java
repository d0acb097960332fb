package io.jfrp.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.util.Collection;

/**
 * The JSON bodies of frp messages, matching Go's {@code encoding/json} on frp's structs.
 *
 * <h3>Writing</h3>
 * Fields in struct order, compact, Go's string escaping ({@link GoJsonEscapes}), and
 * {@code omitempty} semantics: {@code null}, {@code ""}, {@code false}, {@code 0} and empty
 * collections are left out, except struct-typed fields (marked {@code ALWAYS} on the message), which
 * Go never omits. Inside lists and maps everything is written, empty strings included ({@code omitempty}
 * is on the field, not its elements). Map keys are sorted (the messages keep their maps in Go's order).
 *
 * <h3>Reading</h3>
 * Like Go: unknown fields are ignored, field names match case-insensitively, {@code null} leaves a
 * field at its zero value. A string field that is {@code null} or absent reads as {@code ""}, here
 * once for every message, so that the messages need not normalise their strings themselves. Like
 * Go, and unlike Jackson's defaults: no coercion between strings, numbers and booleans, no
 * fractional numbers for integer fields, nothing after the top-level value.
 *
 * <p>UDPPackets, one per datagram of a udp or sudp proxy, are written and read in place by
 * {@link UdpPacketJson} (the same bytes, without a generator or parser per packet); the other messages,
 * and a UDPPacket in any other form than Go writes it, by {@link RecordJson} on Jackson's streaming core; the other
 * values ({@link #writeValue}, {@link #readValue}: wire v2's hellos, a server plugin's content) by a
 * databind mapper with the same rules ({@link GoRulesMapper}), made on first use only, so that a program
 * that exchanges only messages never loads databind's 450 classes (issue 16). No method of this class
 * names a databind type other than through {@link GoRulesMapper}: the verifier would load
 * {@code ObjectMapper} with this class, and the class-data archive would then hold the 200 databind
 * classes that verifying {@code ObjectMapper} loads.
 *
 * <p>Thread-safe.
 */
public final class MessageJson {

    private MessageJson() {
    }

    /** The JSON body of {@code message}, as Go would write it. */
    public static byte[] write(Message message) {
        if (message instanceof UdpPacket packet) {
            ByteBuf out = Unpooled.buffer(UdpPacketJson.sizeHint(packet.contentLength()));
            if (UdpPacketJson.write(packet, out)) {
                return ByteBufUtil.getBytes(out);
            }
        }
        try {
            return GoJsonEscapes.apply(RecordJson.write((Record) message));
        } catch (RuntimeException e) {
            // Messages are plain records of strings, numbers, lists and maps: this is a bug.
            throw new IllegalStateException("cannot write " + message.type() + " as JSON", e);
        }
    }

    /**
     * Parses a JSON body as the message class of {@code type}.
     *
     * @throws MessageFrameException with reason {@code MALFORMED_BODY} if it is not valid JSON, not
     *                               an object, or a field has the wrong type or an invalid value
     */
    public static Message read(MessageType type, byte[] body, int offset, int length) {
        if (type == MessageType.UDP_PACKET) {
            UdpPacket packet = UdpPacketJson.read(Unpooled.wrappedBuffer(body, offset, length));
            if (packet != null) {
                return packet;
            }
        }
        Message message;
        try {
            message = (Message) RecordJson.read(type.messageClass().asSubclass(Record.class), body, offset, length);
        } catch (IOException | RuntimeException e) {
            throw MessageFrameException.malformedBody(type.code(), length, describe(e), e);
        }
        if (message == null) {
            throw MessageFrameException.malformedBody(type.code(), length, "body is null, expected a JSON object",
                    null);
        }
        return message;
    }

    /**
     * Reads the shape of each of {@code types} (its components, names and constructor) now, ahead of
     * its first message; a program calls this on another thread while it connects. The cache is
     * shared and thread-safe: the result is the same whichever thread makes an entry first.
     */
    public static void prepare(Collection<MessageType> types) {
        for (MessageType type : types) {
            RecordJson.prepare(type.messageClass().asSubclass(Record.class));
        }
    }

    /**
     * Any other value frp sends as JSON (wire v2's hellos), written with the same Go rules as the
     * messages. Fields whose omission differs from {@code omitempty} on scalars need their own
     * {@code @JsonInclude}.
     */
    public static byte[] writeValue(Object value) throws JsonProcessingException {
        return GoJsonEscapes.apply(GoRulesMapper.SHARED.writeValueAsBytes(value));
    }

    /** Parses any other frp JSON value with the same Go rules as the messages (see the class javadoc). */
    public static <T> T readValue(byte[] json, Class<T> type) throws IOException {
        return GoRulesMapper.SHARED.readValue(json, type);
    }

    private static String describe(Exception e) {
        if (e instanceof JsonProcessingException jpe) {
            // The original message without Jackson's source excerpt, which repeats the body.
            return jpe.getOriginalMessage();
        }
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getCause().getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}

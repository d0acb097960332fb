package io.jfrp.protocol.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jfrp.protocol.codec.MessageJson;

import java.io.IOException;

/**
 * Reads and writes the hello payloads ({@link ClientHello}, {@link ServerHello}) as Go's
 * {@code encoding/json} does for stock frp's structs, with the Go rules of the message bodies
 * ({@link MessageJson}): compact, fields in struct order, Go's string escaping, byte arrays as
 * standard base64 with padding; reading ignores unknown fields, matches names case-insensitively,
 * and refuses coercions (a number where a string belongs) and trailing data.
 *
 * <p>Thread-safe.
 */
public final class HelloJson {
    private HelloJson() {
    }

    /** The ClientHello payload. */
    public static byte[] write(ClientHello hello) {
        return writeValue(hello);
    }

    /** The ServerHello payload. */
    public static byte[] write(ServerHello hello) {
        return writeValue(hello);
    }

    /**
     * Parses a ClientHello payload.
     *
     * @throws WireFrameException {@code MALFORMED_HELLO} naming what was wrong
     */
    public static ClientHello readClientHello(byte[] payload) {
        return read(payload, ClientHello.class, WireFrameType.CLIENT_HELLO);
    }

    /**
     * Parses a ServerHello payload.
     *
     * @throws WireFrameException {@code MALFORMED_HELLO} naming what was wrong
     */
    public static ServerHello readServerHello(byte[] payload) {
        return read(payload, ServerHello.class, WireFrameType.SERVER_HELLO);
    }

    private static byte[] writeValue(Object hello) {
        try {
            return MessageJson.writeValue(hello);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + hello + " as JSON", e);
        }
    }

    private static <T> T read(byte[] payload, Class<T> type, WireFrameType frameType) {
        T hello;
        try {
            hello = MessageJson.readValue(payload, type);
        } catch (IOException | RuntimeException e) {
            throw WireFrameException.malformedHello(frameType, payload.length, JsonErrors.describe(e), e);
        }
        if (hello == null) {
            throw WireFrameException.malformedHello(frameType, payload.length, "null, expected a JSON object", null);
        }
        return hello;
    }
}

package io.jfrp.protocol.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;

/**
 * Reads and writes the hello payloads ({@link ClientHello}, {@link ServerHello}) as Go's
 * {@code encoding/json} does for stock frp's structs: compact, fields in struct order, byte arrays
 * as standard base64 with padding. Reading ignores unknown fields and matches names
 * case-insensitively, and like Go refuses coercions (a number where a string belongs) and trailing
 * data.
 *
 * <p>Thread-safe; the mapper is shared.
 */
public final class HelloJson {
    private static final ObjectMapper MAPPER = buildMapper();

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
            return MAPPER.writeValueAsBytes(hello);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + hello + " as JSON", e);
        }
    }

    private static <T> T read(byte[] payload, Class<T> type, WireFrameType frameType) {
        T hello;
        try {
            hello = MAPPER.readValue(payload, type);
        } catch (IOException | RuntimeException e) {
            throw WireFrameException.malformedHello(frameType, payload.length, JsonErrors.describe(e), e);
        }
        if (hello == null) {
            throw WireFrameException.malformedHello(frameType, payload.length, "null, expected a JSON object", null);
        }
        return hello;
    }

    private static ObjectMapper buildMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}

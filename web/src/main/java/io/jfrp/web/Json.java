package io.jfrp.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The JSON of the web APIs, written the way Go's {@code json.NewEncoder(w).Encode(v)} writes it in
 * frp's handlers: compact, fields in declaration order (records: component order), and a newline
 * after the value. Omitting empty fields ({@code omitempty}) is declared per field with
 * {@code @JsonInclude} on the response types, as Go declares it per field.
 *
 * <p>Go additionally escapes {@code < > &} inside strings as {@code \u003c} and so on; both forms
 * are the same JSON value to every parser, so this mapper leaves them raw.
 */
public final class Json {
    /** Shared and thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    /** {@code value} as compact JSON followed by a newline. */
    public static byte[] encode(Object value) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(value);
            byte[] out = Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getName() + " as JSON", e);
        }
    }
}

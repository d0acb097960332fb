package io.jfrp.protocol.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.stream.Collectors;

/** Short, one-line descriptions of Jackson's failures, naming the field where there is one. */
final class JsonErrors {
    private JsonErrors() {
    }

    /** Jackson's message without its source excerpt (which would repeat the input), plus the field path. */
    static String describe(Throwable e) {
        if (e instanceof JsonProcessingException jpe) {
            String text = jpe.getOriginalMessage();
            if (jpe instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
                String path = jme.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."));
                text = "field " + path + ": " + text;
            }
            return text;
        }
        return String.valueOf(e.getMessage());
    }
}

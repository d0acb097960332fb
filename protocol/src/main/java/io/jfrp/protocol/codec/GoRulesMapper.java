package io.jfrp.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The databind mapper of {@link MessageJson#writeValue} and {@link MessageJson#readValue}: the
 * messages' Go rules for the values that are not messages. Made when first used; its own class so
 * that loading {@link MessageJson} (every start) does not load {@link ObjectMapper} (see there).
 */
final class GoRulesMapper {
    /** The one mapper, made on first use. */
    static final ObjectMapper SHARED = build();

    private GoRulesMapper() {
    }

    /** A new mapper with the messages' rules. */
    static ObjectMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                // Supplementary characters raw, as Go writes them (Jackson's default: two escaped surrogates).
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                // omitempty on properties; a map's entries all written, "" included, as Go does.
                .defaultPropertyInclusion(JsonInclude.Value.construct(
                        JsonInclude.Include.NON_DEFAULT, JsonInclude.Include.ALWAYS))
                // Go's zero value for a string, also for an absent field (Jackson's "absent value").
                .withConfigOverride(String.class,
                        o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
                .build();
        // Go refuses a number or boolean where a string is expected; Jackson would convert it.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}

package io.jfrp.protocol.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.MessageType;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RecordJson} against the databind mapper the messages were written and read with before it
 * ({@link GoRulesMapper#build()}, the same rules): for random values of every message type, the
 * same bytes out, and for those bytes and mutations of them (names in other cases, nulls, values of
 * the wrong JSON type, unknown fields, trailing tokens) the same message in, or a refusal by both.
 */
class RecordJsonTest {
    private static final ObjectMapper ORACLE = GoRulesMapper.build();
    private static final String[] STRINGS = {"", "a", "é<>&\u2028", "x\"\\\n\u0001", "\uD83D\uDE00", "0.61.1", " "};

    @Test
    void namesAreJacksonsSnakeCase() {
        var jackson = new PropertyNamingStrategies.SnakeCaseStrategy();
        for (MessageType type : MessageType.values()) {
            for (RecordComponent c : type.messageClass().getRecordComponents()) {
                assertThat(RecordJson.snakeCase(c.getName())).isEqualTo(jackson.translate(c.getName()));
            }
        }
        for (String s : List.of("srcIP", "URLPath", "_x", "aB", "ABC", "a_B", "x1Y")) {
            assertThat(RecordJson.snakeCase(s)).as(s).isEqualTo(jackson.translate(s));
        }
    }

    @Test
    void writesTheSameBytesAsTheMapper() throws Exception {
        Random random = new Random(16);
        for (int round = 0; round < 300; round++) {
            for (MessageType type : MessageType.values()) {
                Object m = randomRecord(type.messageClass(), random);
                byte[] expected = GoJsonEscapes.apply(ORACLE.writeValueAsBytes(m));
                assertThat(new String(MessageJson.write((Message) m), StandardCharsets.UTF_8)).as(m.toString())
                        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void readsWhatTheMapperReadsAndRefusesWhatItRefuses() throws Exception {
        Random random = new Random(17);
        int refused = 0;
        int read = 0;
        for (int round = 0; round < 200; round++) {
            for (MessageType type : MessageType.values()) {
                String json = new String(ORACLE.writeValueAsBytes(randomRecord(type.messageClass(), random)),
                        StandardCharsets.UTF_8);
                for (String variant : List.of(json, mutate(json, random), mutate(mutate(json, random), random))) {
                    Object expected;
                    try {
                        expected = ORACLE.readValue(variant, type.messageClass());
                    } catch (Exception e) {
                        expected = e;
                    }
                    byte[] b = variant.getBytes(StandardCharsets.UTF_8);
                    Object actual;
                    try {
                        actual = MessageJson.read(type, b, 0, b.length);
                    } catch (MessageFrameException e) {
                        actual = e;
                    }
                    if (expected instanceof Exception || expected == null) {
                        assertThat(actual).as(type + " " + variant + " (mapper: " + expected + ")")
                                .isInstanceOf(MessageFrameException.class);
                        refused++;
                    } else {
                        assertThat(actual).as(type + " " + variant).isEqualTo(expected);
                        read++;
                    }
                }
            }
        }
        assertThat(refused).isGreaterThan(100);
        assertThat(read).isGreaterThan(1000);
    }

    private static final String[] REPLACEMENTS = {"null", "1", "-1", "70000", "1.5", "true", "false", "\"s\"", "\"\"",
        "[]", "[\"a\",null]", "{}", "{\"a\":\"b\",\"c\":null}", "\"aGVsbG8=\"", "99999999999", "[{\"from\":1}]"};

    /** One change to a JSON text: a value replaced, a name's case changed, a field added, or trailing text. */
    private static String mutate(String json, Random random) {
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                int colon = nthIndex(json, ':', random);
                if (colon < 0) {
                    return json;
                }
                int end = valueEnd(json, colon + 1);
                return json.substring(0, colon + 1) + REPLACEMENTS[random.nextInt(REPLACEMENTS.length)]
                        + json.substring(end);
            }
            case 2 -> {
                int quote = json.indexOf('"');
                return quote < 0 ? json : json.substring(0, quote + 1) + json.substring(quote + 1, quote + 2).toUpperCase()
                        + json.substring(quote + 2).toUpperCase();
            }
            case 3 -> {
                return json.length() <= 2 ? "{\"zz\":[1,{\"q\":null}]}"
                        : "{\"zz\":[1,{\"q\":null}]," + json.substring(1);
            }
            case 4 -> {
                return json + (random.nextBoolean() ? " x" : " {}");
            }
            default -> {
                return random.nextBoolean() ? "null" : "[" + json + "]";
            }
        }
    }

    private static int nthIndex(String s, char c, Random random) {
        List<Integer> at = new ArrayList<>();
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '\\') {
                i++;
            } else if (x == '"') {
                inString = !inString;
            } else if (x == c && !inString) {
                at.add(i);
            }
        }
        return at.isEmpty() ? -1 : at.get(random.nextInt(at.size()));
    }

    /** Where the JSON value starting at {@code i} ends. */
    private static int valueEnd(String s, int i) {
        int depth = 0;
        boolean inString = false;
        for (int k = i; k < s.length(); k++) {
            char x = s.charAt(k);
            if (inString) {
                if (x == '\\') {
                    k++;
                } else if (x == '"') {
                    inString = false;
                    if (depth == 0) {
                        return k + 1;
                    }
                }
            } else if (x == '"') {
                inString = true;
            } else if (x == '{' || x == '[') {
                depth++;
            } else if (x == '}' || x == ']') {
                if (depth == 0) {
                    return k;
                }
                depth--;
                if (depth == 0) {
                    return k + 1;
                }
            } else if (x == ',' && depth == 0) {
                return k;
            }
        }
        return s.length();
    }

    private static Object randomRecord(Class<?> type, Random random) throws Exception {
        RecordComponent[] rcs = type.getRecordComponents();
        Object[] args = new Object[rcs.length];
        Class<?>[] types = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            types[i] = rcs[i].getType();
            args[i] = randomValue(rcs[i], random);
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        return c.newInstance(args);
    }

    private static Object randomValue(RecordComponent rc, Random random) throws Exception {
        Class<?> t = rc.getType();
        boolean zero = random.nextInt(3) == 0;
        if (t == String.class) {
            return zero ? (random.nextBoolean() ? null : "") : STRINGS[random.nextInt(STRINGS.length)];
        }
        if (t == int.class) {
            return zero ? 0 : random.nextInt(65536);
        }
        if (t == long.class) {
            return zero ? 0L : random.nextBoolean() ? (long) random.nextInt(100) : random.nextLong();
        }
        if (t == boolean.class) {
            return !zero && random.nextBoolean();
        }
        if (t == byte[].class) {
            byte[] b = new byte[zero ? 0 : random.nextInt(40)];
            random.nextBytes(b);
            return b;
        }
        Class<?> element = rc.getGenericType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[pt.getActualTypeArguments().length - 1] instanceof Class<?> c ? c : null;
        if (t == List.class) {
            if (zero) {
                return random.nextBoolean() ? null : List.of();
            }
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(element == String.class ? STRINGS[random.nextInt(STRINGS.length)] : randomRecord(element, random));
            }
            return list;
        }
        if (t == Map.class) {
            if (zero) {
                return random.nextBoolean() ? null : Map.of();
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                map.put(STRINGS[random.nextInt(STRINGS.length)], random.nextInt(4) == 0 ? null
                        : STRINGS[random.nextInt(STRINGS.length)]);
            }
            return map;
        }
        if (t.isRecord()) {
            return zero ? null : randomRecord(t, random);
        }
        throw new IllegalArgumentException(rc.toString());
    }
}

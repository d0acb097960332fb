package io.jfrp.protocol.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes and reads the records of frp's messages as JSON on Jackson's streaming core alone, with the
 * rules {@link MessageJson} documents (Go's {@code encoding/json} on frp's structs). It replaces
 * jackson-databind's {@code ObjectMapper} for the messages, whose introspection, serializers and
 * deserializers were some 450 classes loaded by every start (issue 16).
 *
 * <p>What it understands is what the message records use: components of type {@code String},
 * {@code int}, {@code long}, {@code boolean}, {@code byte[]} (base64), {@code List} of strings or of
 * records, {@code Map<String, String>}, and records of the same kinds. A component's JSON name is its
 * {@code @JsonProperty} value, else the snake_case of its name (as Jackson's {@code SnakeCaseStrategy},
 * which the messages name with {@code @JsonNaming}). A component is written unless it is Go's
 * "empty" ({@code omitempty}: {@code null}, {@code ""}, {@code false}, {@code 0}, an empty list, map
 * or byte array), or its record or the component is marked {@code @JsonInclude(ALWAYS)}. Inside a
 * list or map every element and entry is written, {@code ""} included, as Go does ({@code omitempty}
 * applies to the struct field only): stock frpc sends {@code "metas":{"a":""}} and
 * {@code "locations":["","/x"]}. A {@code null} (which the records do not hold) is written as
 * {@code null}.
 *
 * <p>Thread-safe: the shape of each record class is computed once and cached.
 */
final class RecordJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Supplementary characters raw, as Go writes them (Jackson's default: two escaped surrogates).
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private RecordJson() {
    }

    /** The compact JSON of {@code record} (Jackson's escaping; {@link GoJsonEscapes} makes it Go's). */
    static byte[] write(Record record) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256);
             JsonGenerator g = FACTORY.createGenerator(out)) {
            writeRecord(g, record);
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * The record of class {@code type} read from one JSON object, or null for a JSON {@code null}.
     *
     * @throws IOException      if it is not JSON, not an object, has more after the value, or a field
     *                          has the wrong JSON type
     * @throws RuntimeException if the record refuses a value (its constructor's checks)
     */
    static <T extends Record> T read(Class<T> type, byte[] body, int offset, int length) throws IOException {
        try (JsonParser p = FACTORY.createParser(body, offset, length)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JsonParseException(p, "No content to map due to end-of-input");
            }
            Object value = t == JsonToken.VALUE_NULL ? null : readRecord(p, shape(type));
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "Trailing token (of type " + p.currentToken()
                        + ") found after value");
            }
            return type.cast(value);
        }
    }

    /** Computes and caches the shapes of {@code type} and of the records it holds, ahead of use. */
    static void prepare(Class<? extends Record> type) {
        shape(type);
    }

    private static Shape shape(Class<?> type) {
        Shape s = SHAPES.get(type);
        if (s == null) {
            s = new Shape(type);
            SHAPES.putIfAbsent(type, s);
        }
        return s;
    }

    private static void writeRecord(JsonGenerator g, Object record) throws IOException {
        Shape shape = shape(record.getClass());
        g.writeStartObject();
        for (Component c : shape.components) {
            Object v = c.get(record);
            if (!c.always && isEmpty(v)) {
                continue;
            }
            g.writeFieldName(c.name);
            writeValue(g, v);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof byte[] bytes) {
            g.writeBinary(bytes);
        } else if (v instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object e : list) {
                writeValue(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Record) {
            writeRecord(g, v);
        } else {
            throw new IllegalStateException("no JSON form for " + v.getClass().getName());
        }
    }

    /** Go's {@code omitempty} on a value (Jackson's {@code NON_DEFAULT} on a property). */
    private static boolean isEmpty(Object v) {
        return v == null
                || v instanceof String s && s.isEmpty()
                || v instanceof Integer i && i == 0
                || v instanceof Long l && l == 0L
                || v instanceof Boolean b && !b
                || v instanceof byte[] bytes && bytes.length == 0
                || v instanceof Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
    }

    private static Object readRecord(JsonParser p, Shape shape) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw mismatch(p, shape.type.getSimpleName(), "an object");
        }
        Object[] args = new Object[shape.components.size()];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            Component c = shape.byLowerName.get(p.currentName().toLowerCase(Locale.ROOT));
            JsonToken t = p.nextToken();
            if (c == null) {
                p.skipChildren(); // unknown fields are ignored, as Go does
                continue;
            }
            args[c.index] = t == JsonToken.VALUE_NULL ? null : readValue(p, c.kind, c.element, c.name);
        }
        for (Component c : shape.components) {
            if (args[c.index] == null) {
                args[c.index] = c.zero; // absent or null: Go's zero value
            }
        }
        return shape.construct(args);
    }

    private static Object readValue(JsonParser p, Kind kind, Class<?> element, String name) throws IOException {
        JsonToken t = p.currentToken();
        switch (kind) {
            case STRING -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw mismatch(p, name, "a string");
                }
                return p.getText();
            }
            case INT, LONG -> {
                if (t != JsonToken.VALUE_NUMBER_INT) {
                    throw mismatch(p, name, "an integer");
                }
                JsonParser.NumberType n = p.getNumberType();
                if (kind == Kind.INT ? n != JsonParser.NumberType.INT
                        : n != JsonParser.NumberType.INT && n != JsonParser.NumberType.LONG) {
                    throw new JsonParseException(p, "Numeric value (" + p.getText() + ") of '" + name
                            + "' out of range of " + (kind == Kind.INT ? "int" : "long"));
                }
                return kind == Kind.INT ? (Object) p.getIntValue() : (Object) p.getLongValue();
            }
            case BOOLEAN -> {
                if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                    throw mismatch(p, name, "a boolean");
                }
                return t == JsonToken.VALUE_TRUE;
            }
            case BYTES -> {
                if (t == JsonToken.START_ARRAY) {
                    return byteArray(p, name); // Go (and Jackson) also take an array of numbers
                }
                if (t != JsonToken.VALUE_STRING) {
                    throw mismatch(p, name, "a base64 string");
                }
                return p.getBinaryValue();
            }
            case STRING_LIST, RECORD_LIST -> {
                if (t != JsonToken.START_ARRAY) {
                    throw mismatch(p, name, "an array");
                }
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(p.currentToken() == JsonToken.VALUE_NULL ? null
                            : kind == Kind.STRING_LIST ? readValue(p, Kind.STRING, null, name)
                            : readRecord(p, shape(element)));
                }
                return list;
            }
            case STRING_MAP -> {
                if (t != JsonToken.START_OBJECT) {
                    throw mismatch(p, name, "an object");
                }
                Map<String, String> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    map.put(key, p.nextToken() == JsonToken.VALUE_NULL ? null
                            : (String) readValue(p, Kind.STRING, null, name + "." + key));
                }
                return map;
            }
            case RECORD -> {
                return readRecord(p, shape(element));
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static byte[] byteArray(JsonParser p, String name) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(64);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                out.append(0);
                continue;
            }
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                throw mismatch(p, name, "a byte");
            }
            int v = p.getIntValue();
            if (v < Byte.MIN_VALUE || v > 255) {
                throw new JsonParseException(p, "Numeric value (" + v + ") of '" + name + "' out of range of byte");
            }
            out.append(v);
        }
        return out.toByteArray();
    }

    private static JsonParseException mismatch(JsonParser p, String name, String expected) {
        return new JsonParseException(p, "Cannot read '" + name + "': expected " + expected + ", got "
                + p.currentToken());
    }

    /** Jackson's {@code SnakeCaseStrategy.translate}: {@code runId} → {@code run_id}, {@code srcIP} → {@code src_ip}. */
    static String snakeCase(String input) {
        StringBuilder result = new StringBuilder(input.length() * 2);
        boolean wasPrevTranslated = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (i > 0 || c != '_') {
                if (Character.isUpperCase(c)) {
                    if (!wasPrevTranslated && result.length() > 0 && result.charAt(result.length() - 1) != '_') {
                        result.append('_');
                    }
                    c = Character.toLowerCase(c);
                    wasPrevTranslated = true;
                } else {
                    wasPrevTranslated = false;
                }
                result.append(c);
            }
        }
        return result.length() > 0 ? result.toString() : input;
    }

    private enum Kind { STRING, INT, LONG, BOOLEAN, BYTES, STRING_LIST, RECORD_LIST, STRING_MAP, RECORD }

    /** One record component: its JSON name, how it is read and written, and its zero value. */
    private static final class Component {
        final int index;
        final String name;
        final Method accessor;
        final Kind kind;
        final Class<?> element;
        final boolean always;
        final Object zero;

        Component(int index, RecordComponent rc, boolean recordAlways) {
            this.index = index;
            this.accessor = rc.getAccessor();
            accessible(accessor);
            JsonProperty named = annotation(rc, JsonProperty.class);
            this.name = named != null && !named.value().isEmpty() ? named.value() : snakeCase(rc.getName());
            JsonInclude include = annotation(rc, JsonInclude.class);
            this.always = include != null ? include.value() == JsonInclude.Include.ALWAYS : recordAlways;
            Class<?> raw = rc.getType();
            Class<?> elementType = null;
            if (raw == String.class) {
                kind = Kind.STRING;
            } else if (raw == int.class) {
                kind = Kind.INT;
            } else if (raw == long.class) {
                kind = Kind.LONG;
            } else if (raw == boolean.class) {
                kind = Kind.BOOLEAN;
            } else if (raw == byte[].class) {
                kind = Kind.BYTES;
            } else if (raw == List.class) {
                elementType = typeArgument(rc.getGenericType(), 0);
                kind = elementType == String.class ? Kind.STRING_LIST : Kind.RECORD_LIST;
            } else if (raw == Map.class && typeArgument(rc.getGenericType(), 1) == String.class) {
                kind = Kind.STRING_MAP;
            } else if (raw.isRecord()) {
                elementType = raw;
                kind = Kind.RECORD;
            } else {
                throw new IllegalArgumentException("no JSON form for " + rc);
            }
            if (kind == Kind.RECORD_LIST && (elementType == null || !elementType.isRecord())) {
                throw new IllegalArgumentException("no JSON form for " + rc);
            }
            this.element = elementType;
            this.zero = switch (kind) {
                case STRING -> "";
                case INT -> 0;
                case LONG -> 0L;
                case BOOLEAN -> Boolean.FALSE;
                default -> null; // the records make their own empty lists, maps, arrays and records
            };
        }

        Object get(Object record) {
            try {
                return accessor.invoke(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw rethrow(e);
            }
        }

        private static Class<?> typeArgument(Type type, int i) {
            if (type instanceof ParameterizedType pt && pt.getActualTypeArguments()[i] instanceof Class<?> c) {
                return c;
            }
            return null;
        }

        /** The annotation on the component as written, which Java puts on its field, accessor or parameter. */
        private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent rc, Class<A> type) {
            A a = rc.getAccessor().getAnnotation(type);
            if (a == null) {
                try {
                    a = rc.getDeclaringRecord().getDeclaredField(rc.getName()).getAnnotation(type);
                } catch (NoSuchFieldException e) {
                    return null;
                }
            }
            return a;
        }
    }

    /** A record class: its components in declaration order, by lower-case name, and its constructor. */
    private static final class Shape {
        final Class<?> type;
        final List<Component> components = new ArrayList<>();
        final Map<String, Component> byLowerName = new HashMap<>();
        final Constructor<?> constructor;

        Shape(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type + " is not a record");
            }
            this.type = type;
            JsonInclude include = type.getAnnotation(JsonInclude.class);
            boolean always = include != null && include.value() == JsonInclude.Include.ALWAYS;
            RecordComponent[] rcs = type.getRecordComponents();
            Class<?>[] types = new Class<?>[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                Component c = new Component(i, rcs[i], always);
                components.add(c);
                byLowerName.put(c.name.toLowerCase(Locale.ROOT), c);
                types[i] = rcs[i].getType();
                if (c.element != null && c.element.isRecord()) {
                    shape(c.element);
                }
            }
            try {
                constructor = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
            accessible(constructor);
        }

        Object construct(Object[] args) {
            try {
                return constructor.newInstance(args);
            } catch (InstantiationException | IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw rethrow(e);
            }
        }
    }

    /** Public records of exported packages need nothing; this lets a package-private record be read too. */
    private static void accessible(AccessibleObject o) {
        o.setAccessible(true);
    }

    private static RuntimeException rethrow(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }
}

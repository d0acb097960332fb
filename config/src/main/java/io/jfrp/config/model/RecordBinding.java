package io.jfrp.config.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The one mapping between a per-type configuration record ({@code TcpProxyConfig},
 * {@code XtcpVisitorConfig}...) and its builder: the record's first component is {@code base}, and
 * each further component is read from, and written back to, the builder's field of the same name
 * and type. A new proxy or visitor type so declares only its own fields (its record's components and
 * the builder's fields); nothing is copied by hand.
 *
 * <p>Made once per type (at the type enum's start), with a {@link MethodHandles.Lookup} of the
 * builder's package, so that a record component without a matching builder field fails at once
 * (an {@link IllegalStateException} naming it), not on first use. Immutable and thread-safe.
 *
 * @param <R> the record type
 */
public final class RecordBinding<R extends Record> {
    private final Class<R> record;
    private final MethodHandle constructor;
    private final List<Field> fields;

    /** One component after {@code base}: its record accessor and the builder field's getter and setter. */
    private record Field(MethodHandle accessor, MethodHandle getter, MethodHandle setter) {
    }

    private RecordBinding(Class<R> record, MethodHandle constructor, List<Field> fields) {
        this.record = record;
        this.constructor = constructor;
        this.fields = List.copyOf(fields);
    }

    /**
     * The binding of {@code record} to the fields of {@code builder}.
     *
     * @param lookup  a lookup with access to the builder's (package-private) fields
     * @throws IllegalStateException when the record's first component is not {@code base} or a
     *                               component has no builder field of the same name and type
     */
    public static <R extends Record> RecordBinding<R> of(MethodHandles.Lookup lookup, Class<R> record,
                                                         Class<?> builder) {
        RecordComponent[] components = record.getRecordComponents();
        if (components.length == 0 || !components[0].getName().equals("base")) {
            throw new IllegalStateException(record.getSimpleName() + ": the first component must be base");
        }
        Class<?>[] types = new Class<?>[components.length];
        List<Field> fields = new ArrayList<>();
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                types[i] = c.getType();
                if (i > 0) {
                    fields.add(new Field(lookup.unreflect(c.getAccessor()),
                            lookup.findGetter(builder, c.getName(), c.getType()),
                            lookup.findSetter(builder, c.getName(), c.getType())));
                }
            }
            MethodHandle constructor = lookup.findConstructor(record, MethodType.methodType(void.class, types));
            return new RecordBinding<>(record, constructor, fields);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(record.getSimpleName() + " does not match the fields of "
                    + builder.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The record class this binding makes. */
    public Class<R> recordType() {
        return record;
    }

    /** The record, from {@code base} and the builder's fields of the record's own type. */
    public R create(Object base, Object builder) {
        Object[] args = new Object[fields.size() + 1];
        args[0] = base;
        for (int i = 0; i < fields.size(); i++) {
            args[i + 1] = call(fields.get(i).getter(), builder);
        }
        return record.cast(call(constructor, args));
    }

    /** Writes the record's own fields (not the base) into the builder. */
    public void copy(Record value, Object builder) {
        R r = record.cast(value);
        for (Field f : fields) {
            call(f.setter(), builder, call(f.accessor(), r));
        }
    }

    /** Invokes {@code handle}; what the record's constructor throws (a field out of range) passes unchanged. */
    private static Object call(MethodHandle handle, Object... args) {
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.jfrp.config.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A type of frp proxy or visitor ({@code type = "tcp"}): its name in frp's files and messages, and
 * whether jfrp runs it. Implemented by {@link io.jfrp.config.model.proxy.ProxyType} and
 * {@link io.jfrp.config.model.visitor.VisitorType}, which hold the lists; each constant holds its
 * {@link Spec}, so the two enums share these accessors rather than repeat them.
 */
public interface FrpType {
    /**
     * What a type constant is: its frp name, whether jfrp runs it, and the binding of its record to
     * the builder's fields.
     *
     * @param frpName     the name in frp's files and messages
     * @param implemented whether jfrps and jfrpc run the type
     * @param record      how the type's record is made from (and copied into) its builder
     */
    record Spec(String frpName, boolean implemented, RecordBinding<?> record) {
        public Spec {
            Objects.requireNonNull(frpName, "frpName");
            Objects.requireNonNull(record, "record");
        }
    }

    /** This type's name, state and record binding. */
    Spec spec();

    /** The name in frp's files ({@code type = "tcp"}) and messages. */
    default String frpName() {
        return spec().frpName();
    }

    /** Whether jfrps and jfrpc run this type. */
    default boolean implemented() {
        return spec().implemented();
    }

    /** The one of {@code types} named {@code frpName} (exactly, as frp compares it), if any. */
    static <T extends FrpType> Optional<T> named(T[] types, String frpName) {
        return Arrays.stream(types).filter(t -> t.frpName().equals(frpName)).findFirst();
    }

    /** The frp names of {@code types}, in their order; only the implemented ones when {@code implementedOnly}. */
    static String[] names(FrpType[] types, boolean implementedOnly) {
        return Arrays.stream(types).filter(t -> !implementedOnly || t.implemented()).map(FrpType::frpName)
                .toArray(String[]::new);
    }
}

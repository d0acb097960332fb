package io.jfrp.config.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * A type of frp proxy or visitor ({@code type = "tcp"}): its name in frp's files and messages, and
 * whether jfrp runs it. Implemented by {@link io.jfrp.config.model.proxy.ProxyType} and
 * {@link io.jfrp.config.model.visitor.VisitorType}, which hold the lists.
 */
public interface FrpType {
    /** The name in frp's files ({@code type = "tcp"}) and messages. */
    String frpName();

    /** Whether jfrps and jfrpc run this type. */
    boolean implemented();

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

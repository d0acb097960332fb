package io.jfrp.config.model;

/**
 * A proxy or a visitor ({@link io.jfrp.config.model.proxy.ProxyConfig},
 * {@link io.jfrp.config.model.visitor.VisitorConfig}): a record per type over a base record that all
 * types of its kind share, which holds the name and the type.
 *
 * @param <T> the kind's type enum
 */
public interface TypedConfig<T extends FrpType> {
    /** What every proxy, or every visitor, has. */
    Base<T> base();

    /** The name in the file (a proxy from a NewProxy: the wire name). */
    default String name() {
        return base().name();
    }

    default T type() {
        return base().type();
    }

    /**
     * The base record of a kind ({@code ProxyBase}, {@code VisitorBase}).
     *
     * @param <T> the kind's type enum
     */
    interface Base<T extends FrpType> {
        String name();

        T type();

        /** False: the program does not run it. */
        boolean enabled();
    }
}

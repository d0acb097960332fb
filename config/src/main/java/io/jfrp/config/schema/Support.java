package io.jfrp.config.schema;

/** Whether jfrp acts on a recognised key. */
public enum Support {
    /** jfrp implements the key as frp does (or, for {@code jfrp.*} keys, as documented in reference.conf). */
    IMPLEMENTED,
    /**
     * A valid frp key that jfrp does not implement yet. It is type-checked like any other, then ignored
     * with a warning, so an frp file still loads.
     */
    NOT_IMPLEMENTED,
    /** Accepted silently because frp itself does nothing with it (e.g. {@code version}). */
    NO_EFFECT
}

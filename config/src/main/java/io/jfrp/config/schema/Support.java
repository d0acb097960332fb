package io.jfrp.config.schema;

/** Whether jfrp acts on a recognised key. */
public enum Support {
    /** jfrp implements the key as frp does (or, for {@code jfrp.*} keys, as documented in reference.conf). */
    IMPLEMENTED,
    /**
     * A valid frp key that jfrp does not implement yet. It is type-checked like any other; then a value
     * other than frp's default is an error naming the key ("... is an frp key jfrp does not implement
     * yet"): jfrp never runs with a file whose settings it would not honour. frp's default (or an empty
     * list or table) asks for nothing and is accepted.
     */
    NOT_IMPLEMENTED,
    /** Accepted silently because frp itself does nothing with it (e.g. {@code version}). */
    NO_EFFECT
}

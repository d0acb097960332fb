package io.jfrp.config.model.visitor;

/**
 * A visitor's {@code transport} table.
 *
 * @param useEncryption  encrypt the visitor connection (must match the proxy)
 * @param useCompression compress it
 */
public record VisitorTransport(boolean useEncryption, boolean useCompression) {
    /** frp's default: plain. */
    public static final VisitorTransport DEFAULT = new VisitorTransport(false, false);
}

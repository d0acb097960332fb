package io.jfrp.protocol;

import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.protocol.msg.NewVisitorConn;

/**
 * Which layers wrap a byte stream: frp's {@code use_encryption} and {@code use_compression}. When
 * both are on, data is compressed first and the compressed stream is encrypted (frp wraps the
 * connection in encryption first and compression on top of it).
 *
 * @param encryption AES-128-CFB (see {@link io.jfrp.protocol.crypto})
 * @param compression snappy framing format
 */
public record StreamWrapping(boolean encryption, boolean compression) {
    /** Plain bytes. */
    public static final StreamWrapping NONE = new StreamWrapping(false, false);
    /** Encryption only: the control stream after login. */
    public static final StreamWrapping ENCRYPTION = new StreamWrapping(true, false);

    /** The wrapping of a proxy's work connections. */
    public static StreamWrapping of(NewProxy proxy) {
        return new StreamWrapping(proxy.useEncryption(), proxy.useCompression());
    }

    /** The wrapping of a visitor connection. */
    public static StreamWrapping of(NewVisitorConn visitor) {
        return new StreamWrapping(visitor.useEncryption(), visitor.useCompression());
    }

    /** Whether any layer is on. */
    public boolean any() {
        return encryption || compression;
    }
}

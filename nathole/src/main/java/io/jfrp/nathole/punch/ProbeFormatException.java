package io.jfrp.nathole.punch;

/**
 * A datagram that is not a probe of ours: too short or long, not a NatHoleSid frame after
 * decryption (wrong key or not frp at all), or bad JSON. The puncher skips such datagrams.
 */
public final class ProbeFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    ProbeFormatException(String message) {
        super(message);
    }

    ProbeFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

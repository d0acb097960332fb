package io.jfrp.nathole.stun;

/**
 * A datagram that is not a well-formed STUN message (RFC 5389 section 6 and 15): the message says
 * which rule it broke and with which values.
 */
public final class StunFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    StunFormatException(String message) {
        super(message);
    }

    static StunFormatException format(String format, Object... args) {
        return new StunFormatException(String.format(format, args));
    }
}

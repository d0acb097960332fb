package io.jfrp.protocol.wire;

/**
 * The v2 hello exchange failed: the ServerHello refused us or chose what we cannot accept (client),
 * or the ClientHello offered nothing we accept (server, which answers with an error ServerHello).
 * The connection is closed; on a control stream that ends the login.
 */
public final class WireHandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The server answered with an error ServerHello (the message is its error text). */
        REFUSED_BY_SERVER,
        /** The codec offered or selected is not "json". */
        UNSUPPORTED_CODEC,
        /** The selected algorithm is not one of the v2 AEADs. */
        UNKNOWN_ALGORITHM,
        /** The server selected an algorithm the client did not offer. */
        ALGORITHM_NOT_OFFERED,
        /** No algorithm the client offered is one the server supports. */
        NO_COMMON_ALGORITHM,
        /** A client or server random that is not 32 bytes. */
        INVALID_RANDOM,
        /** A v2 Login came without a ClientHello before it. */
        MISSING_NEGOTIATION
    }

    private final Reason reason;

    WireHandshakeException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }
}

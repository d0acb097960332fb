package io.jfrp.server.security;

import io.jfrp.protocol.auth.AuthenticationException;

/**
 * A Login or work connection refused: the reason for our log, the error the client is sent (stock
 * frps' wording where it has one), and what the refusal counts as.
 */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final String clientError;
    private final transient CloseReason counted;

    public Refusal(String logReason, String clientError, CloseReason counted) {
        super(logReason);
        this.clientError = clientError;
        this.counted = counted;
    }

    /** A failed key check, with frps' detailed error for the client. */
    static Refusal of(AuthenticationException e, CloseReason counted) {
        return new Refusal(e.getMessage(), e.responseError(true), counted);
    }

    /** The error for LoginResp or StartWorkConn. */
    public String clientError() {
        return clientError;
    }

    /** What it is counted as. */
    public CloseReason counted() {
        return counted;
    }
}

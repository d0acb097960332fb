package io.jfrp.nathole.stun;

import java.io.IOException;

/**
 * A Binding transaction that failed: no answer in time, an error response, a malformed answer, or
 * a request that could not be sent. The message names the server and what happened.
 */
public final class StunException extends IOException {
    private static final long serialVersionUID = 1L;

    public StunException(String message) {
        super(message);
    }

    public StunException(String message, Throwable cause) {
        super(message, cause);
    }
}

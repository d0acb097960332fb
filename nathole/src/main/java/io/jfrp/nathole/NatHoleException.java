package io.jfrp.nathole;

import java.io.IOException;

/**
 * A step of NAT traversal that failed: discovery, preparation, punching. The message says which
 * step and why, in frp's words where frp has them ("discover error: ...", "wait detect message
 * timeout"), followed by our details.
 */
public class NatHoleException extends IOException {
    private static final long serialVersionUID = 1L;

    public NatHoleException(String message) {
        super(message);
    }

    public NatHoleException(String message, Throwable cause) {
        super(message, cause);
    }
}

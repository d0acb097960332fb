package io.jfrp.server.control;

/**
 * A {@link ControlHooks} operation refused: its message is what the client is told (a plugin's
 * {@code reject_reason}, or frp's {@code send Login request to plugin error}).
 */
public final class HookRefusal extends RuntimeException {
    public HookRefusal(String message) {
        super(message, null, false, false);
    }
}

package io.jfrp.protocol.msg;

/**
 * The server's answer to {@link Ping} (frp's {@code msg.Pong}, type {@code '4'}); a non-empty error
 * (e.g. a failed heartbeat authentication) ends the session.
 *
 * @param error empty when the heartbeat was accepted
 */
public record Pong(String error) implements Message {

    /** An accepted heartbeat. */
    public static final Pong OK = new Pong("");
}

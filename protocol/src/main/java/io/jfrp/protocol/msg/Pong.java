package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The server's answer to {@link Ping} (frp's {@code msg.Pong}, type {@code '4'}); a non-empty error
 * (e.g. a failed heartbeat authentication) ends the session.
 *
 * @param error empty when the heartbeat was accepted
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Pong(String error) implements Message {

    /** An accepted heartbeat. */
    public static final Pong OK = new Pong("");

    public Pong {
        error = Values.str(error);
    }

    @Override
    public MessageType type() {
        return MessageType.PONG;
    }
}

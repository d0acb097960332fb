package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The {@code client_spec} object of {@link Login} (frp's {@code msg.ClientSpec}), only meaningful
 * for frp's in-process virtual clients. Stock frp ≥ 0.53 always sends it, as {@code {}} when empty,
 * because Go's {@code omitempty} never omits a struct.
 *
 * @param type           client type, e.g. {@code ssh-tunnel}; empty for an ordinary client
 * @param alwaysAuthPass whether the client skips authentication (honoured by frps only for
 *                       in-process clients)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ClientSpec(
        String type,
        boolean alwaysAuthPass) {

    /** The empty spec an ordinary client sends. */
    public static final ClientSpec EMPTY = new ClientSpec("", false);
}

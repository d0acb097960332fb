package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A side reports how punching went (frp's {@code msg.NatHoleReport}, type {@code '6'}). Carried as
 * plain data.
 *
 * @param sid     the punching session id
 * @param success whether a connection was made
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NatHoleReport(
        String sid,
        boolean success) implements Message {

    public NatHoleReport {
        sid = Values.str(sid);
    }

    @Override
    public MessageType type() {
        return MessageType.NAT_HOLE_REPORT;
    }
}

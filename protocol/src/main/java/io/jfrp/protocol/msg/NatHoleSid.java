package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The server tells the xtcp proxy's client about a new punching session (frp's
 * {@code msg.NatHoleSid}, type {@code '5'}). Carried as plain data.
 *
 * @param transactionId correlates the exchange
 * @param sid           the punching session id
 * @param response      whether this is the client's answer
 * @param nonce         random value echoed back
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NatHoleSid(
        String transactionId,
        String sid,
        boolean response,
        String nonce) implements Message {

    public NatHoleSid {
        transactionId = Values.str(transactionId);
        sid = Values.str(sid);
        nonce = Values.str(nonce);
    }

    @Override
    public MessageType type() {
        return MessageType.NAT_HOLE_SID;
    }
}

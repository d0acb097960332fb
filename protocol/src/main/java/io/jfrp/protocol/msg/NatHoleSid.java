package io.jfrp.protocol.msg;

/**
 * The server tells the xtcp proxy's client about a new punching session (frp's
 * {@code msg.NatHoleSid}, type {@code '5'}). Carried as plain data.
 *
 * @param transactionId correlates the exchange
 * @param sid           the punching session id
 * @param response      whether this is the client's answer
 * @param nonce         random value echoed back
 */
public record NatHoleSid(
        String transactionId,
        String sid,
        boolean response,
        String nonce) implements Message {
}

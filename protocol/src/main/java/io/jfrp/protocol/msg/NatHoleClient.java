package io.jfrp.protocol.msg;

import java.util.List;

/**
 * The xtcp proxy's side of hole punching: the client's addresses for one session (frp's
 * {@code msg.NatHoleClient}, type {@code 'n'}). Carried as plain data.
 *
 * @param transactionId correlates the exchange
 * @param proxyName     the xtcp proxy
 * @param sid           the punching session id from {@link NatHoleSid}
 * @param mappedAddrs   the client's public addresses seen by STUN
 * @param assistedAddrs the client's local addresses
 */
public record NatHoleClient(
        String transactionId,
        String proxyName,
        String sid,
        List<String> mappedAddrs,
        List<String> assistedAddrs) implements Message {

    public NatHoleClient {
        mappedAddrs = Values.strings(mappedAddrs);
        assistedAddrs = Values.strings(assistedAddrs);
    }
}

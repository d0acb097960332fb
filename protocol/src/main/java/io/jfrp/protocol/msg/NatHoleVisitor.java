package io.jfrp.protocol.msg;

import java.util.List;

/**
 * An xtcp visitor asks the server to arrange hole punching (frp's {@code msg.NatHoleVisitor}, type
 * {@code 'i'}). Carried as plain data: fields as in frp's {@code pkg/msg/msg.go}.
 *
 * @param transactionId correlates the exchange
 * @param proxyName     the xtcp proxy to reach
 * @param preCheck      only check that the proxy exists and allows the visitor
 * @param protocol      transport to use after punching ({@code quic} or {@code kcp})
 * @param signKey       {@code hex(MD5(secretKey + timestamp))}
 * @param timestamp     unix seconds of the sign key
 * @param mappedAddrs   the visitor's public addresses seen by STUN
 * @param assistedAddrs the visitor's local addresses
 */
public record NatHoleVisitor(
        String transactionId,
        String proxyName,
        boolean preCheck,
        String protocol,
        String signKey,
        long timestamp,
        List<String> mappedAddrs,
        List<String> assistedAddrs) implements Message {

    public NatHoleVisitor {
        mappedAddrs = Values.strings(mappedAddrs);
        assistedAddrs = Values.strings(assistedAddrs);
    }
}

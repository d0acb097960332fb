package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The server's punching instructions to both xtcp sides (frp's {@code msg.NatHoleResp}, type
 * {@code 'm'}). Carried as plain data. {@code detect_behavior} is a struct in Go and therefore always
 * written, as {@code {}} when empty.
 *
 * @param transactionId  correlates the exchange
 * @param sid            the punching session id
 * @param protocol       transport after punching
 * @param candidateAddrs the peer's addresses to punch towards
 * @param assistedAddrs  the peer's local addresses
 * @param detectBehavior how to punch
 * @param error          why punching cannot proceed, else empty
 */
public record NatHoleResp(
        String transactionId,
        String sid,
        String protocol,
        List<String> candidateAddrs,
        List<String> assistedAddrs,
        @JsonInclude(JsonInclude.Include.ALWAYS) NatHoleDetectBehavior detectBehavior,
        String error) implements Message {

    public NatHoleResp {
        candidateAddrs = Values.strings(candidateAddrs);
        assistedAddrs = Values.strings(assistedAddrs);
        detectBehavior = detectBehavior == null ? NatHoleDetectBehavior.EMPTY : detectBehavior;
    }
}

package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * How one side should punch, part of {@link NatHoleResp} (frp's {@code msg.NatHoleDetectBehavior}).
 * Carried as plain data; note frp's tag {@code read_timeout} for the read timeout in milliseconds.
 *
 * @param role              {@code sender} or {@code receiver}
 * @param mode              punching mode (0, 1, 2, ...)
 * @param ttl               TTL of the punching packets
 * @param sendDelayMs       delay before sending, milliseconds
 * @param readTimeoutMs     read timeout, milliseconds (JSON {@code read_timeout})
 * @param candidatePorts    port ranges to try
 * @param sendRandomPorts   random ports to send from
 * @param listenRandomPorts random ports to listen on
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NatHoleDetectBehavior(
        String role,
        int mode,
        int ttl,
        int sendDelayMs,
        @JsonProperty("read_timeout") int readTimeoutMs,
        List<PortsRange> candidatePorts,
        int sendRandomPorts,
        int listenRandomPorts) {

    /** The zero value, written as {@code {}}. */
    public static final NatHoleDetectBehavior EMPTY = new NatHoleDetectBehavior("", 0, 0, 0, 0, List.of(), 0, 0);

    public NatHoleDetectBehavior {
        candidatePorts = Values.list(candidatePorts);
    }
}

package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A port range in {@link NatHoleDetectBehavior} (frp's {@code msg.PortsRange}).
 *
 * @param from first port
 * @param to   last port
 */
public record PortsRange(@JsonProperty("from") int from, @JsonProperty("to") int to) {
}

package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A port range in {@link NatHoleDetectBehavior} (frp's {@code msg.PortsRange}).
 *
 * @param from first port
 * @param to   last port
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PortsRange(int from, int to) {
}

package io.jfrp.protocol.msg;

/**
 * A side reports how punching went (frp's {@code msg.NatHoleReport}, type {@code '6'}). Carried as
 * plain data.
 *
 * @param sid     the punching session id
 * @param success whether a connection was made
 */
public record NatHoleReport(
        String sid,
        boolean success) implements Message {
}

package io.jfrp.protocol.msg;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One frp wire protocol v1 message: a JSON body tagged with a one-byte type on the wire.
 *
 * <p>The set is closed: these are exactly the messages stock frp registers in
 * {@code pkg/msg/msg.go}, so a switch over a {@code Message} can be exhaustive.
 *
 * <p>What every message shares is said here once rather than on each record: its JSON keys are the
 * snake_case of its components (frp's {@code json:"..."} tags; Jackson applies an interface's
 * {@code @JsonNaming} to the classes that implement it, and a component's own {@code @JsonProperty}
 * still wins, as on {@link UdpPacket}), and its type is the {@link MessageType} registered for its
 * class.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public sealed interface Message
        permits Login, LoginResp, NewProxy, NewProxyResp, CloseProxy, NewWorkConn, ReqWorkConn,
        StartWorkConn, NewVisitorConn, NewVisitorConnResp, Ping, Pong, UdpPacket, NatHoleVisitor,
        NatHoleClient, NatHoleResp, NatHoleSid, NatHoleReport {

    /** The registry entry of this message: its type byte and class. */
    default MessageType type() {
        return MessageType.of(getClass());
    }
}

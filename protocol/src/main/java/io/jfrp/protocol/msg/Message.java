package io.jfrp.protocol.msg;

/**
 * One frp wire protocol v1 message: a JSON body tagged with a one-byte type on the wire.
 *
 * <p>The set is closed: these are exactly the messages stock frp registers in
 * {@code pkg/msg/msg.go}, so a switch over a {@code Message} can be exhaustive.
 */
public sealed interface Message
        permits Login, LoginResp, NewProxy, NewProxyResp, CloseProxy, NewWorkConn, ReqWorkConn,
        StartWorkConn, NewVisitorConn, NewVisitorConnResp, Ping, Pong, UdpPacket, NatHoleVisitor,
        NatHoleClient, NatHoleResp, NatHoleSid, NatHoleReport {

    /** The registry entry of this message: its type byte and class. */
    MessageType type();
}

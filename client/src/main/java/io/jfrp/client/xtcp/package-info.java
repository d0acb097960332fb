/**
 * xtcp on jfrpc, both sides (frp's {@code client/proxy/xtcp.go} and {@code client/visitor/xtcp.go}):
 * {@link io.jfrp.client.xtcp.XtcpRuntime} (STUN discovery, the NatHole exchange with the server,
 * punching; one per client), {@link io.jfrp.client.xtcp.XtcpProxySide} (a punch per NatHoleSid, then
 * serving the tunnel's streams to the local service), {@link io.jfrp.client.xtcp.XtcpVisitor} (a TCP
 * listener whose connections ride a tunnel it keeps, or fall back to another visitor), and the two
 * tunnels over a punched socket: {@link io.jfrp.client.xtcp.QuicTunnel} and
 * {@link io.jfrp.client.xtcp.KcpTunnel}. The protocol is in shared/PROTOCOL.md ("xtcp"); the design
 * in docs/xtcp.md.
 *
 * <p>Threading: punched sockets and their tunnels run on the runtime's own epoll loop (which can set
 * a probe's IP TTL); local services and users' connections on the client's loops; {@code Relay}
 * crosses between them.
 *
 * <p>May use: {@code proxy} (core), {@code visitor} (core), protocol, config's model, nathole, kcp, mux.
 */
package io.jfrp.client.xtcp;

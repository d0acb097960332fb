/**
 * Visitors: jfrpc's end of another client's stcp or sudp proxy, a local port whose connections or
 * datagrams reach that proxy through the server (frp's {@code client/visitor}). One package per type
 * ({@code stcp}, {@code sudp}), each a {@link io.jfrp.client.visitor.Visitor} and its factory,
 * registered by {@code VisitorType} in {@code FrpClient}; {@link io.jfrp.client.visitor.Visitors}
 * runs them. What they share: {@link io.jfrp.client.visitor.VisitorConnections} opens a visitor
 * connection over the current session ({@link io.jfrp.client.visitor.ServerLink}) and
 * {@link io.jfrp.client.visitor.VisitorHandshake} speaks NewVisitorConn with the server;
 * {@link io.jfrp.client.visitor.ListeningVisitor} is what every visitor with a local port is (its
 * settings, context and {@link io.jfrp.client.visitor.BoundChannel}), and
 * {@link io.jfrp.client.visitor.TcpVisitorListener} binds the TCP visitors' (stcp, xtcp) port;
 * {@link io.jfrp.client.visitor.ThroughServerVisitor} is the stcp and sudp visitors' base (their
 * streams go through the server). The xtcp visitor lives with the rest of xtcp in
 * {@code io.jfrp.client.xtcp}.
 *
 * <p>May use: protocol (messages, wrapping, relay), config's model. Never {@code control} (the
 * session comes in through {@code ServerLink}) or {@code proxy}.
 */
package io.jfrp.client.visitor;

/**
 * frp wire protocol v1 (PROTOCOL.md section 2): messages ({@code msg}), framing ({@code codec}),
 * token authentication ({@code auth}), stream encryption ({@code crypto}), and
 * {@link io.jfrp.protocol.FrpPipelines}, which puts these layers into a Netty pipeline in the order
 * stock frp uses and switches them at the points where frp does (after login, after StartWorkConn).
 * Knows nothing of yamux, sockets or configuration.
 */
package io.jfrp.protocol;

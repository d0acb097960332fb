/**
 * Datagrams carried as frp messages ({@link io.jfrp.protocol.msg.UdpPacket}) on both programs' side:
 * {@link io.jfrp.protocol.udp.UdpPacketsToSocket} sends a connection's UDPPackets from one UDP socket
 * to their {@code r} (frps' udp proxy, frpc's sudp visitor); {@link io.jfrp.protocol.udp.UdpPacketsWithReadTimeout}
 * does so with a read deadline, and tells its expiry apart from other errors.
 *
 * <p>May use: Netty, {@code msg}. Knows nothing of proxies, visitors or sessions.
 */
package io.jfrp.protocol.udp;

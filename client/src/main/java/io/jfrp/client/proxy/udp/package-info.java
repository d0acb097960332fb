/**
 * jfrpc's side of udp and sudp proxies ({@link io.jfrp.client.proxy.udp.DatagramProxy}): the work
 * connection carries UDPPacket messages, forwarded to the local UDP service with one socket per user
 * ({@code UdpForwarder}).
 *
 * <p>May use: {@code proxy} (core), protocol, config's model.
 */
package io.jfrp.client.proxy.udp;

/**
 * udp proxies on jfrps: a public UDP socket per proxy ({@link io.jfrp.server.proxy.udp.UdpPorts},
 * UDP ports apart from TCP ones), whose datagrams travel as UDPPacket messages over one work connection
 * of the client ({@link io.jfrp.server.proxy.udp.UdpProxy}); {@code PublicDatagrams} turns datagrams
 * into messages, {@code UdpWorkConnHandler} messages back into datagrams.
 *
 * <p>May use: {@code proxy} (core), {@code transport} (loops), protocol, config's model.
 */
package io.jfrp.server.proxy.udp;

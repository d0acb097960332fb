package io.jfrp.server.proxy.udp;

import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.udp.DatagramDrops;
import io.jfrp.protocol.udp.UdpPacketsToSocket;
import io.jfrp.protocol.udp.UdpPacketsWithReadTimeout;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work connection of a udp proxy, read on the server: each UDPPacket from the client is sent from
 * the public socket to its {@code r}, the user it answers; Ping (the client's keepalive every 30 s)
 * only shows the connection is alive. A packet without a usable address, or one the socket cannot
 * take now, is dropped ({@link UdpPacketsToSocket}; the latter counted with the proxy's other drops). The connection is read with a
 * {@value UdpProxy#WORK_CONN_READ_TIMEOUT_SECONDS} s deadline ({@link UdpPacketsWithReadTimeout}); its
 * expiry, or any other error, closes the work connection, and the proxy fetches another.
 *
 * <p>Runs on the work connection's event loop.
 */
final class UdpWorkConnHandler extends UdpPacketsWithReadTimeout {
    private static final Logger log = LoggerFactory.getLogger(UdpWorkConnHandler.class);

    private final String proxyName;

    UdpWorkConnHandler(String proxyName, Channel socket, Runnable droppedMeter) {
        super(socket, PublicDatagrams.LOST_DATAGRAM,
                DatagramDrops.ofSocket("proxy [" + proxyName + "]: datagrams to the users", droppedMeter),
                UdpProxy.WORK_CONN_READ_TIMEOUT_SECONDS);
        this.proxyName = proxyName;
    }

    @Override
    protected void otherMessage(Message msg) {
        log.debug("proxy [{}]: ignoring {} on the udp work connection", proxyName, msg.type());
    }

    @Override
    protected void unusableAddress(IllegalArgumentException e) {
        log.debug("proxy [{}]: UDPPacket dropped: {}", proxyName, e.getMessage());
    }

    @Override
    protected void timedOut(int seconds) {
        log.warn("proxy [{}]: nothing on the udp work connection for {} s, replacing it", proxyName, seconds);
    }

    @Override
    protected void broken(Throwable cause) {
        log.warn("proxy [{}]: udp work connection failed: {}", proxyName, cause.toString());
    }
}

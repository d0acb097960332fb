package io.jfrp.server.proxy.udp;

import io.jfrp.protocol.msg.UdpPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The public socket of a udp proxy: each datagram a user sends becomes a UDPPacket{c, r = the user's
 * address} on the proxy's work connection. Datagrams are never merged or split: one datagram, one
 * message. When there is no work connection, or it cannot take more (its outbound buffer is above the
 * high-water mark), the datagram is dropped, as frps drops when its 1024-packet queue is full: UDP
 * may lose packets, and a flood from the public side must not grow the server's memory.
 *
 * <p>Runs on the socket's event loop; writes to the work connection go through its own loop.
 */
final class PublicDatagrams extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger log = LoggerFactory.getLogger(PublicDatagrams.class);
    /** A UDPPacket that could not be sent (too long for the framing, connection gone) is a lost datagram. */
    static final ChannelFutureListener LOST_DATAGRAM = f -> {
        if (!f.isSuccess()) {
            log.debug("datagram dropped: {}", f.cause().toString());
        }
    };

    private final String proxyName;
    private final Supplier<Channel> workConn;
    /** The work connection written to since the last flush (event loop only). */
    private Channel unflushed;

    PublicDatagrams(String proxyName, Supplier<Channel> workConn) {
        this.proxyName = proxyName;
        this.workConn = workConn;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        Channel work = workConn.get();
        if (work == null || !work.isActive() || !work.isWritable()) {
            return;
        }
        work.write(UdpPacket.of(datagram.content(), datagram.sender())).addListener(LOST_DATAGRAM);
        unflushed = work;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed != null) {
            unflushed.flush();
            unflushed = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error reported on the socket (a user went away) says nothing about the others.
        log.debug("proxy [{}]: public UDP socket: {}", proxyName, cause.toString());
    }
}

package io.jfrp.server.proxy.udp;

import io.jfrp.protocol.msg.UdpPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * The public socket of a udp proxy: each datagram a user sends becomes a UDPPacket{c, r = the user's
 * address} on the proxy's work connection. Datagrams are never merged or split: one datagram, one
 * message. While there is no work connection yet (the proxy has just started, or is replacing one)
 * datagrams wait in a queue of {@value #MAX_QUEUED}, as in frps' channel of the same size, and go out
 * first when it comes ({@link #drain}). Beyond that, and whenever the work connection cannot take more
 * (its outbound buffer is above the high-water mark), a datagram is dropped: UDP may lose packets, and
 * a flood from the public side must not grow the server's memory.
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

    static final int MAX_QUEUED = 1024;

    private final String proxyName;
    private final Supplier<Channel> workConn;
    /** Datagrams waiting for a work connection (event loop only). */
    private final Queue<UdpPacket> waiting = new ArrayDeque<>();
    /** The work connection written to since the last flush (event loop only). */
    private Channel unflushed;

    PublicDatagrams(String proxyName, Supplier<Channel> workConn) {
        this.proxyName = proxyName;
        this.workConn = workConn;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        Channel work = workConn.get();
        if (work == null || !work.isActive()) {
            if (waiting.size() < MAX_QUEUED) {
                waiting.add(UdpPacket.of(datagram.content(), datagram.sender()));
            }
            return;
        }
        if (!waiting.isEmpty()) {
            drain();
        }
        if (!work.isWritable()) {
            // What this read loop wrote is still in the pipeline: send it before giving up on more.
            work.flush();
            unflushed = null;
            if (!work.isWritable()) {
                return;
            }
        }
        work.write(UdpPacket.of(datagram.content(), datagram.sender())).addListener(LOST_DATAGRAM);
        unflushed = work;
    }

    /** Sends the datagrams waiting for a work connection, if there is one now. Event loop only. */
    void drain() {
        Channel work = workConn.get();
        if (waiting.isEmpty() || work == null || !work.isActive()) {
            return;
        }
        UdpPacket p;
        while ((p = waiting.poll()) != null) {
            work.write(p).addListener(LOST_DATAGRAM);
        }
        work.flush();
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

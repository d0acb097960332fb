package io.jfrp.server.proxy.udp;

import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.protocol.udp.DatagramDrops;
import io.jfrp.protocol.udp.UdpPacketQueue;
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
 * datagrams wait in a queue of {@value #MAX_QUEUED} (and at most {@value #MAX_WAITING_BYTES} bytes of
 * payload), as in frps' channel of 1024, and go out first when it comes ({@link #drain}). On the work
 * connection they are bounded the same way ({@link UdpPacketQueue}: 1024 packets unsent, and the
 * connection's high-water mark). Beyond either bound the newest datagram is dropped and counted: UDP
 * may lose packets, a datagram that waited behind seconds of others is worth less than a lost one, and
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

    static final int MAX_QUEUED = UdpPacketQueue.MAX_PACKETS;
    /** Payload bytes waiting for a work connection at most: the work connection's own byte bound. */
    static final int MAX_WAITING_BYTES = 2 << 20;

    private final String proxyName;
    private final Supplier<Channel> workConn;
    /** Datagrams waiting for a work connection (event loop only). */
    private final Queue<UdpPacket> waiting = new ArrayDeque<>();
    private int waitingBytes;
    /** The datagrams on the work connection, not yet sent to the client. */
    private final UdpPacketQueue toClient;
    /** The work connection written to since the last flush (event loop only). */
    private Channel unflushed;

    /**
     * @param workConn     the proxy's work connection now, or null
     * @param droppedMeter told of each datagram dropped because a queue was full
     */
    PublicDatagrams(String proxyName, Supplier<Channel> workConn, Runnable droppedMeter) {
        this.proxyName = proxyName;
        this.workConn = workConn;
        this.toClient = new UdpPacketQueue(
                new DatagramDrops("proxy [" + proxyName + "]: datagrams to the client", droppedMeter));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        Channel work = workConn.get();
        if (work == null || !work.isActive()) {
            int length = datagram.content().readableBytes();
            if (waiting.size() < MAX_QUEUED && waitingBytes + length <= MAX_WAITING_BYTES) {
                waiting.add(UdpPacket.of(datagram.content(), datagram.sender()));
                waitingBytes += length;
            } else {
                toClient.drops().dropped();
            }
            return;
        }
        if (!waiting.isEmpty()) {
            drain();
        }
        if (toClient.offer(work, UdpPacket.of(datagram.content(), datagram.sender()))) {
            unflushed = work;
        }
    }

    /** Sends the datagrams waiting for a work connection, if there is one now. Event loop only. */
    void drain() {
        Channel work = workConn.get();
        if (waiting.isEmpty() || work == null || !work.isActive()) {
            return;
        }
        UdpPacket p;
        while ((p = waiting.poll()) != null) {
            toClient.offer(work, p);
        }
        waitingBytes = 0;
        work.flush();
        toClient.flushed();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed != null) {
            unflushed.flush();
            unflushed = null;
            toClient.flushed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error reported on the socket (a user went away) says nothing about the others.
        log.debug("proxy [{}]: public UDP socket: {}", proxyName, cause.toString());
    }
}

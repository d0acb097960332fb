package io.jfrp.client.visitor.sudp;

import io.jfrp.client.visitor.VisitorConnections;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.UdpPacket;
import io.jfrp.protocol.udp.DatagramDrops;
import io.jfrp.protocol.udp.UdpPacketQueue;
import io.jfrp.protocol.udp.UdpPacketsToSocket;
import io.jfrp.protocol.udp.UdpPacketsWithReadTimeout;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Routes an sudp visitor's datagrams: users' datagrams become UDPPackets on the one visitor
 * connection (opened by the first datagram, reopened by the first one after it ended), the
 * connection's UDPPackets become datagrams to their {@code r}. The connection is read with a
 * {@value #READ_TIMEOUT_SECONDS} s deadline, kept from expiring by the owner's Ping every 30 s, as
 * frpc's visitor does.
 *
 * <h3>Limits</h3>
 * While the connection opens, at most {@value #MAX_QUEUED} datagrams wait (frpc's channel holds
 * 1024); on the connection, at most 1024 unsent and its high-water mark ({@link UdpPacketQueue}).
 * Beyond either the newest datagram is dropped and counted, rather than arriving late behind the
 * others. If the server refuses the visit, the waiting datagrams are dropped and the reason is logged.
 *
 * <h3>Threading</h3>
 * The socket's state is confined to its event loop; the visitor connection runs on its own loop and
 * hops here to say it is ready or gone.
 */
final class SudpDispatcher extends SimpleChannelInboundHandler<DatagramPacket> {
    static final int READ_TIMEOUT_SECONDS = 60;
    static final int MAX_QUEUED = UdpPacketQueue.MAX_PACKETS;
    private static final Logger log = LoggerFactory.getLogger(SudpDispatcher.class);
    private static final ChannelFutureListener LOST_DATAGRAM = f -> {
        if (!f.isSuccess()) {
            log.debug("datagram dropped: {}", f.cause().toString());
        }
    };

    private final String visitorName;
    private final VisitorConnections connections;
    private Channel socket;
    /** The visitor connection, once ready (socket loop only). */
    private Channel conn;
    /** Datagrams waiting for the connection; non-null while it opens (socket loop only). */
    private Queue<UdpPacket> opening;
    private boolean unflushed;
    /** The users' datagrams on the visitor connection, not yet sent. */
    private final UdpPacketQueue toServer;

    SudpDispatcher(String visitorName, VisitorConnections connections) {
        this.visitorName = visitorName;
        this.connections = connections;
        this.toServer = new UdpPacketQueue(new DatagramDrops("[" + visitorName + "] datagrams to the server", () -> {
        }));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        socket = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
        UdpPacket packet = UdpPacket.of(datagram.content(), datagram.sender());
        if (conn != null) {
            if (toServer.offer(conn, packet)) {
                unflushed = true;
            }
            return;
        }
        if (opening != null) {
            if (opening.size() < MAX_QUEUED) {
                opening.add(packet);
            } else {
                toServer.drops().dropped();
            }
            return;
        }
        opening = new ArrayDeque<>();
        opening.add(packet);
        connections.open(ctx.channel().eventLoop(), new ToUsers()).addListener(f -> {
            Queue<UdpPacket> waiting = opening;
            opening = null;
            if (!f.isSuccess()) {
                log.warn("[{}] visitor connection to [{}] failed: {}; {} datagram(s) dropped", visitorName,
                        connections.proxyName(), f.cause().getMessage(), waiting.size());
                return;
            }
            Channel ready = (Channel) f.getNow();
            if (!socket.isActive()) {
                ready.close();
                return;
            }
            ready.config().setWriteBufferWaterMark(UdpPacket.QUEUE_WATER_MARK);
            conn = ready;
            ready.closeFuture().addListener(c -> socket.eventLoop().execute(() -> {
                if (conn == ready) {
                    conn = null;
                }
            }));
            for (UdpPacket p : waiting) {
                toServer.offer(ready, p);
            }
            ready.flush();
            toServer.flushed();
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed && conn != null) {
            conn.flush();
            toServer.flushed();
        }
        unflushed = false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (conn != null) {
            conn.close();
            conn = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error for one user's address says nothing about the others.
        log.debug("[{}] sudp visitor socket: {}", visitorName, cause.toString());
    }

    /**
     * Reads the visitor connection: UDPPackets go to their users from the visitor's socket
     * ({@link UdpPacketsToSocket}), with a read deadline in front ({@link UdpPacketsWithReadTimeout}).
     */
    private final class ToUsers extends UdpPacketsWithReadTimeout {
        ToUsers() {
            super(socket, LOST_DATAGRAM, DatagramDrops.ofSocket("[" + visitorName + "] datagrams to the users", () -> {
            }), READ_TIMEOUT_SECONDS);
        }

        @Override
        protected void otherMessage(Message msg) {
            log.debug("[{}] ignoring {} on the visitor connection", visitorName, msg.type());
        }

        @Override
        protected void timedOut(int seconds) {
            log.info("[{}] nothing on the visitor connection for {} s: closed", visitorName, seconds);
        }

        @Override
        protected void broken(Throwable cause) {
            log.warn("[{}] visitor connection failed: {}", visitorName, cause.toString());
        }
    }
}

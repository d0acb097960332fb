package io.jfrp.protocol.udp;

import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import java.net.InetSocketAddress;

/**
 * Reads a connection of frp messages whose UDPPackets are datagrams to send from one UDP socket to
 * their {@code r}, the user they answer: frps' udp proxy (its work connection, to the public socket)
 * and frpc's sudp visitor (its visitor connection, to the visitor's socket). Ping only shows the
 * connection is alive; any other message goes to {@link #otherMessage}. A packet without an address,
 * with one that is not usable, or one the socket cannot take now (above its high-water mark even
 * after a flush) is dropped, as UDP may be, the latter counted in {@code drops}; what one read batch
 * wrote is flushed once at its end. An error goes to {@link #failed}, then the connection is closed.
 *
 * <p>Runs on the connection's event loop; the socket's writes go through the socket's own loop. When
 * that is another loop (frpc's sudp visitor: its socket is bound before any session, the visitor
 * connection is a stream of whichever session there is), a flush from here is only queued, so the
 * socket stays above its high-water mark until its loop has run the writes: the socket needs a
 * high-water mark that holds a whole read batch of the connection ({@link UdpPacket#QUEUE_WATER_MARK};
 * Netty's default, 64 KiB, is some 50 datagrams of 1,200 bytes).
 */
public abstract class UdpPacketsToSocket extends SimpleChannelInboundHandler<Message> {
    private final Channel socket;
    private final ChannelFutureListener lostDatagram;
    private final DatagramDrops drops;
    private boolean unflushed;

    /**
     * @param socket       the UDP socket the datagrams leave from
     * @param lostDatagram told of each datagram's write (to log the ones that failed)
     * @param drops        where the packets the socket could not take are counted
     */
    protected UdpPacketsToSocket(Channel socket, ChannelFutureListener lostDatagram, DatagramDrops drops) {
        this.socket = socket;
        this.lostDatagram = lostDatagram;
        this.drops = drops;
    }

    /** Where the packets the socket could not take are counted. */
    public final DatagramDrops drops() {
        return drops;
    }

    /** The UDP socket the datagrams leave from. */
    public final Channel socket() {
        return socket;
    }

    /** A message other than UDPPacket and Ping (it is released after this returns). */
    protected abstract void otherMessage(Message msg);

    /** The connection failed with {@code cause} (a read deadline, an I/O error); it is closed next. */
    protected abstract void failed(Throwable cause);

    /** A packet whose {@code r} is not a usable address was dropped; nothing by default. */
    protected void unusableAddress(IllegalArgumentException e) {
    }

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (msg instanceof UdpPacket packet) {
            send(packet);
        } else if (!(msg instanceof Ping)) {
            otherMessage(msg);
        }
    }

    private void send(UdpPacket packet) {
        if (packet.remoteAddr() == null) {
            return;
        }
        if (!socket.isWritable()) {
            socket.flush();
            if (!socket.isWritable()) {
                drops.dropped();
                return;
            }
        }
        InetSocketAddress user;
        try {
            user = packet.remoteAddr().toSocketAddress();
        } catch (IllegalArgumentException e) {
            unusableAddress(e);
            return;
        }
        socket.write(new DatagramPacket(packet.payload(), user)).addListener(lostDatagram);
        unflushed = true;
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            socket.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failed(cause);
        ctx.close();
    }
}

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
 * after a flush) is dropped, as UDP may be; what one read batch wrote is flushed once at its end.
 * An error goes to {@link #failed}, then the connection is closed.
 *
 * <p>Runs on the connection's event loop; the socket's writes go through the socket's own loop.
 */
public abstract class UdpPacketsToSocket extends SimpleChannelInboundHandler<Message> {
    private final Channel socket;
    private final ChannelFutureListener lostDatagram;
    private boolean unflushed;

    /**
     * @param socket       the UDP socket the datagrams leave from
     * @param lostDatagram told of each datagram's write (to log the ones that failed)
     */
    protected UdpPacketsToSocket(Channel socket, ChannelFutureListener lostDatagram) {
        this.socket = socket;
        this.lostDatagram = lostDatagram;
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

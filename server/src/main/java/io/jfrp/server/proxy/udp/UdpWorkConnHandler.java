package io.jfrp.server.proxy.udp;

import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.Ping;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * The work connection of a udp proxy, read on the server: each UDPPacket from the client is sent from
 * the public socket to its {@code r}, the user it answers; Ping (the client's keepalive every 30 s)
 * only shows the connection is alive. A packet without a usable address, or one the socket cannot
 * take now, is dropped. Any other error closes the work connection, and the proxy fetches another.
 *
 * <p>Runs on the work connection's event loop.
 */
final class UdpWorkConnHandler extends SimpleChannelInboundHandler<Message> {
    private static final Logger log = LoggerFactory.getLogger(UdpWorkConnHandler.class);

    private final String proxyName;
    private final Channel socket;
    private boolean unflushed;

    UdpWorkConnHandler(String proxyName, Channel socket) {
        this.proxyName = proxyName;
        this.socket = socket;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Message msg) {
        if (msg instanceof UdpPacket packet) {
            send(packet);
        } else if (!(msg instanceof Ping)) {
            log.debug("proxy [{}]: ignoring {} on the udp work connection", proxyName, msg.type());
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
            log.debug("proxy [{}]: UDPPacket dropped: {}", proxyName, e.getMessage());
            return;
        }
        socket.write(new DatagramPacket(packet.payload(), user)).addListener(PublicDatagrams.LOST_DATAGRAM);
        unflushed = true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            socket.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            log.warn("proxy [{}]: nothing on the udp work connection for {} s, replacing it", proxyName,
                    UdpProxy.WORK_CONN_READ_TIMEOUT_SECONDS);
        } else {
            log.warn("proxy [{}]: udp work connection failed: {}", proxyName, cause.toString());
        }
        ctx.close();
    }
}

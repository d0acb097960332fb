package io.jfrp.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The handler on a {@link KcpServer}'s UDP channel: demultiplexes packets to sessions by the
 * sender's address, as kcp-go's Listener does, and opens sessions.
 *
 * <h3>Dispatch (kcp-go's Listener.packetInput)</h3>
 * The conv and sn of a packet are read from its first KCP segment (after the 8-byte FEC header of
 * an FEC data packet; an FEC parity packet has none). A packet from a known address goes to its
 * session if it has no readable conv (parity) or the session's conv; a different conv with sn 0
 * means the peer restarted: the old session is closed and a new one opened; anything else is
 * dropped.
 *
 * <h3>Opening a session (stricter than kcp-go)</h3>
 * kcp-go opens a session for any packet that carries a conv. Here the first segment must be a
 * push with sn 0 (a client's first packet): stray or late packets of a session already closed,
 * and garbage with a plausible header, open nothing, so a closed session is not resurrected by
 * the peer's retransmissions. At most {@link KcpConfig#maxSessions()} sessions live at once; a
 * packet that would open one more is dropped (and counted). Every session expires after
 * {@link KcpConfig#idleTimeout()} without packets.
 *
 * <h3>Threading</h3>
 * Everything runs on the UDP channel's event loop, which all sessions share.
 */
final class KcpListener extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(KcpListener.class);

    private final KcpConfig config;
    private final ChannelHandler childHandler;
    private final Map<InetSocketAddress, KcpChannel> sessions = new HashMap<>();
    private volatile int sessionCount;
    private volatile long refusedSessions;
    private Channel udp;

    KcpListener(KcpConfig config, ChannelHandler childHandler) {
        this.config = config;
        this.childHandler = childHandler;
    }

    int sessionCount() {
        return sessionCount;
    }

    long refusedSessions() {
        return refusedSessions;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        udp = ctx.channel();
    }

    /** Netty's base passes on what is not a packet and releases the packet after this. */
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        dispatch(packet.content(), packet.sender());
    }

    private void dispatch(ByteBuf content, InetSocketAddress sender) {
        int len = content.readableBytes();
        if (len < KcpSegment.OVERHEAD || len > KcpConfig.MTU_LIMIT) {
            return;
        }
        int ri = content.readerIndex();
        int flag = content.getUnsignedShortLE(ri + FecHeader.FLAG_OFFSET);
        int segment = -1;
        if (FecHeader.isFecFlag(flag)) {
            if (flag == FecHeader.TYPE_DATA && len >= FecHeader.DATA_OFFSET + KcpSegment.OVERHEAD) {
                segment = ri + FecHeader.DATA_OFFSET;
            }
        } else {
            segment = ri;
        }
        int conv = segment >= 0 ? content.getIntLE(segment) : 0;
        int sn = segment >= 0 ? content.getIntLE(segment + KcpSegment.SN_OFFSET) : -1;

        KcpChannel session = sessions.get(sender);
        if (session != null) {
            if (segment < 0 || conv == session.conv()) {
                session.packetReceived(content);
                return;
            }
            if (sn != 0) {
                return;
            }
            LOG.debug("KCP peer {} restarted with conv {}: closing conv {}", sender,
                    Integer.toUnsignedString(conv), Integer.toUnsignedString(session.conv()));
            session.close();
        }
        if (segment < 0 || sn != 0 || content.getByte(segment + 4) != KcpSegment.CMD_PUSH) {
            return;
        }
        if (sessions.size() >= config.maxSessions()) {
            refusedSessions++;
            LOG.debug("KCP listener {}: session limit {} reached, dropping a new session from {}",
                    udp.localAddress(), config.maxSessions(), sender);
            return;
        }
        open(sender, conv).packetReceived(content);
    }

    private KcpChannel open(InetSocketAddress sender, int conv) {
        KcpChannel[] holder = new KcpChannel[1];
        KcpChannel child = new KcpChannel(udp, udp, sender, conv, config, () -> closed(sender, holder[0]));
        holder[0] = child;
        child.pipeline().addLast(childHandler);
        sessions.put(sender, child);
        sessionCount = sessions.size();
        ChannelFuture registered = udp.eventLoop().register(child);
        if (!registered.isDone() || !registered.isSuccess()) {
            LOG.warn("KCP listener {}: registering the session from {} failed", udp.localAddress(), sender,
                    registered.cause());
        }
        child.start();
        return child;
    }

    private void closed(InetSocketAddress sender, KcpChannel child) {
        if (sessions.get(sender) == child) {
            sessions.remove(sender);
            sessionCount = sessions.size();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (KcpChannel child : new ArrayList<>(sessions.values())) {
            child.datagramClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP errors and the like surface here; UDP is lossy anyway, KCP retransmits.
        LOG.debug("KCP listener {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}

package io.jfrp.client.visitor.sudp;

import io.jfrp.client.visitor.ThroughServerVisitor;
import io.jfrp.client.visitor.VisitorContext;
import io.jfrp.client.visitor.VisitorFactory;
import io.jfrp.config.model.visitor.VisitorConfig;
import io.jfrp.protocol.msg.UdpPacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An sudp visitor (frp's {@code client/visitor/sudp.go}): a UDP socket on bindAddr:bindPort whose
 * users' datagrams reach another client's sudp proxy. The first datagram opens one visitor connection
 * to the server, which then carries every user's datagrams as UDPPacket{c, r = the user} messages
 * inside the visitor's wrapping; answers come back with the same {@code r} and leave the socket
 * towards that user. When the connection ends (or is refused), the next datagram opens a new one.
 * The routing of datagrams is {@link SudpDispatcher}'s.
 */
public final class SudpVisitor extends ThroughServerVisitor {
    /** The factory of sudp visitors. */
    public static final VisitorFactory FACTORY = SudpVisitor::new;
    private static final Logger log = LoggerFactory.getLogger(SudpVisitor.class);
    /** Datagrams read from the socket per read loop before other channels get their turn. */
    private static final int DATAGRAMS_PER_READ = 64;
    /** Receive buffer of the socket: room for a burst from many users (capped by net.core.rmem_max). */
    private static final int RECEIVE_BUFFER = 1 << 20;

    private SudpVisitor(VisitorConfig config, VisitorContext context) {
        super(config, context);
    }

    @Override
    public Future<?> start() {
        ChannelFuture bind = new Bootstrap()
                .group(context().loops())
                .channel(context().datagramChannel())
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                // Written from the visitor connection's loop, whose flushes are only queued here: room
                // for its read batches (see UdpPacketsToSocket), as the connection has for ours.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, UdpPacket.QUEUE_WATER_MARK)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(context().udpPacketSize())
                        .maxMessagesPerRead(DATAGRAMS_PER_READ))
                .handler(new SudpDispatcher(config().name(), connections()))
                .bind(config().base().bindAddr(), config().base().bindPort());
        bind.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                bound().set(f.channel());
                log.info("[{}] sudp visitor listening on UDP {} for proxy [{}]", config().name(),
                        f.channel().localAddress(), connections().proxyName());
            }
        });
        return bind;
    }
}

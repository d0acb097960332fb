package io.jfrp.server.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.quic.EpollQuicUtils;
import io.netty.handler.codec.quic.QuicChannelOption;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;

/**
 * quicBindPort's UDP socket. With epoll ({@link EventLoops#quicEpoll}) it sends with segmentation
 * offload (UDP_SEGMENT: up to {@link #SEGMENTS} QUIC packets per sendmsg) and reads with UDP_GRO and
 * recvmmsg (many datagrams per system call), as quic-go does; with NIO every datagram is a system call
 * each way, which was jfrp's QUIC throughput limit (docs/transports.md, "QUIC details").
 */
final class QuicUdpSocket {
    /**
     * Receive and send buffer asked of the socket. The kernel's default (about 200 KiB) overflows when
     * a burst of a fast stream arrives while the loop is busy: every datagram dropped there is a loss
     * to QUIC's congestion control (quic-go asks for 7 MiB for the same reason). Linux caps it at
     * net.core.rmem_max / wmem_max.
     */
    static final int BUFFER = 4 * 1024 * 1024;
    /** QUIC packets sent in one system call with segmentation offload. */
    static final int SEGMENTS = 16;
    /**
     * The largest datagram read: quic-go sends at most 1452 bytes, quiche 1350 by default; larger
     * than any, as a datagram longer than this would be cut.
     */
    static final int MAX_DATAGRAM = 2048;
    /** What one read asks for: up to 32 datagrams by recvmmsg, or one GRO batch (at most 64 KiB). */
    static final int READ_BUFFER = 64 * 1024;

    private QuicUdpSocket() {
    }

    /**
     * {@code bootstrap} with this socket's type and options: an epoll socket with offload when
     * {@code epoll}, else {@code plain} (the worker loops' own UDP socket type, NIO or epoll, without
     * offload: that stays opt-in).
     */
    static Bootstrap configure(Bootstrap bootstrap, Class<? extends DatagramChannel> plain, boolean epoll) {
        bootstrap.channel(epoll ? EpollDatagramChannel.class : plain)
                .option(ChannelOption.SO_RCVBUF, BUFFER).option(ChannelOption.SO_SNDBUF, BUFFER);
        if (epoll) {
            bootstrap.option(EpollChannelOption.UDP_GRO, true)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_BUFFER));
        }
        return bootstrap;
    }

    /** {@code codec} sending with segmentation offload when the socket is epoll. */
    static QuicServerCodecBuilder offload(QuicServerCodecBuilder codec, boolean epoll) {
        return epoll ? codec.option(QuicChannelOption.SEGMENTED_DATAGRAM_PACKET_ALLOCATOR,
                EpollQuicUtils.newSegmentedAllocator(SEGMENTS)) : codec;
    }
}

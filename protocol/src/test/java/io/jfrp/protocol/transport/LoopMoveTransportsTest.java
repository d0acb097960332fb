package io.jfrp.protocol.transport;

import io.jfrp.testkit.RequiredTools;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which transports {@link LoopMove} moves: a registered TCP channel of NIO or epoll is worth moving
 * to another loop of its group; a channel of any other transport is not, even to another loop of its
 * own group (Netty's io_uring channels stop reading once moved, docs/PERFORMANCE.md "Event loops"; jfrp has no
 * io_uring transport, so Netty's local transport stands for "a transport not known to move safely").
 */
class LoopMoveTransportsTest {
    @Test
    void nioSocketsMove() throws Exception {
        assertMovable(NioIoHandler.newFactory(), NioSocketChannel::new, true);
    }

    @Test
    void epollSocketsMove() throws Exception {
        if (!Epoll.isAvailable()) {
            RequiredTools.missing("epoll is unavailable here: " + Epoll.unavailabilityCause());
        }
        assertMovable(HalfCloseSafeEpoll.newFactory(), EpollSocketChannel::new, true);
    }

    @Test
    void aChannelOfAnotherTransportNeverMoves() throws Exception {
        assertMovable(LocalIoHandler.newFactory(), LocalChannel::new, false);
    }

    /**
     * Registers a new channel on the first of two loops of one group of {@code transport} and checks
     * whether {@link LoopMove} would move it to the second.
     */
    private static void assertMovable(IoHandlerFactory transport, Supplier<Channel> channel, boolean expected)
            throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, transport);
        try {
            Iterator<?> loops = group.iterator();
            EventLoop first = (EventLoop) loops.next();
            EventLoop second = (EventLoop) loops.next();
            Channel ch = channel.get();
            first.register(ch).sync();
            try {
                assertThat(ch.isRegistered()).isTrue();
                assertThat(ch.eventLoop().parent()).isSameAs(second.parent());
                assertThat(LoopMove.movable(ch)).as("movable: " + ch.getClass().getSimpleName()).isEqualTo(expected);
                assertThat(LoopMove.worthwhile(ch, second)).as("worth moving: " + ch.getClass().getSimpleName())
                        .isEqualTo(expected);
                assertThat(LoopMove.worthwhile(ch, first)).as("already there").isFalse();
            } finally {
                ch.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        }
    }
}

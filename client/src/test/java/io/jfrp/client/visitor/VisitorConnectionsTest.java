package io.jfrp.client.visitor;

import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.protocol.msg.Message;
import io.jfrp.protocol.msg.NatHoleResp;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A visit that starts while jfrpc has no session with the server (its ports are bound before the first
 * login) waits for one, bounded, instead of failing at once.
 */
class VisitorConnectionsTest {
    private final MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicReference<ServerLink> link = new AtomicReference<>();
    private final VisitorContext context = new VisitorContext("alice", loops, NioServerSocketChannel.class,
            NioDatagramChannel.class, 1500, link::get);

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private VisitorConnections connections(long waitMillis) {
        return new VisitorConnections(VisitorBuilder.stcp("v", "ssh", "s3", 0).build().base(), context, waitMillis);
    }

    @Test
    void aVisitBeforeTheFirstLoginGoesOutOnTheSessionOnceItIsThere() {
        EventLoop loop = loops.next();
        Future<Channel> visit = connections(30_000).open(loop, null);
        RecordingLink session = new RecordingLink();
        // Not failed while there is no session.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !visit.isDone());
        link.set(session);
        await().atMost(Duration.ofSeconds(10)).until(visit::isDone);
        assertThat(session.opened).as("one connection asked of the session").hasSize(1);
        assertThat(session.opened.get(0)).isInstanceOf(VisitorHandshake.class);
        assertThat(visit.cause()).hasMessage("the test's session opens nothing");
    }

    @Test
    void withoutASessionTheVisitFailsAfterItsWaitNamingWhy() {
        Future<Channel> visit = connections(200).open(loops.next(), null);
        await().atMost(Duration.ofSeconds(10)).until(visit::isDone);
        assertThat(visit.cause()).isInstanceOf(IOException.class)
                .hasMessage("not connected to the server (waited 200 ms for a session)");
    }

    /** A session that records what it is asked to open and fails each. */
    private final class RecordingLink implements ServerLink {
        final List<ChannelHandler> opened = new CopyOnWriteArrayList<>();

        @Override
        public String runId() {
            return "run-1";
        }

        @Override
        public Future<Channel> openConnection(ChannelHandler handler) {
            opened.add(handler);
            return loops.next().newFailedFuture(new IOException("the test's session opens nothing"));
        }

        @Override
        public Future<NatHoleResp> exchangeNatHole(Message request, String transactionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendControl(Message message) {
            throw new UnsupportedOperationException();
        }
    }
}

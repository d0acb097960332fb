package io.jfrp.protocol.transport;

import io.jfrp.testkit.AcceptedTestConnection;
import io.jfrp.testkit.TestEventLoops;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LoopMove} on real NIO loops: a connection moved to another loop of its group keeps its
 * pipeline, reads there what arrived during the move, keeps its reading state, and tasks given to
 * {@link LoopMove#execute} follow it.
 */
class LoopMoveTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);

    private final AcceptedTestConnection conn = new AcceptedTestConnection();
    /** What the accepted connection read, with where it read it. */
    private final BlockingQueue<String> reads = conn.reads();

    @AfterEach
    void close() throws Exception {
        conn.close();
    }

    private Channel connect() throws Exception {
        return conn.open(LOOPS.group());
    }

    private static EventLoop otherLoop(Channel ch) {
        return AcceptedTestConnection.otherLoop(ch);
    }

    private void send(String text) throws Exception {
        conn.send(text);
    }

    private String answer() throws Exception {
        return conn.answer();
    }

    /** Moves {@code ch} to {@code target} from its own loop; completes on arrival with the loop it ran on. */
    private static CompletableFuture<EventLoop> move(Channel ch, EventLoop target) {
        CompletableFuture<EventLoop> arrived = new CompletableFuture<>();
        ch.eventLoop().execute(() -> LoopMove.move(ch, target,
                () -> arrived.complete(ch.eventLoop().inEventLoop() ? ch.eventLoop() : null),
                arrived::completeExceptionally));
        return arrived;
    }

    @Test
    void aMovedConnectionReadsAndWritesOnItsNewLoop() throws Exception {
        Channel ch = connect();
        send("one");
        assertThat(reads.poll(10, TimeUnit.SECONDS)).isEqualTo("one on its loop");
        assertThat(answer()).isEqualTo("ok");
        EventLoop target = otherLoop(ch);
        assertThat(LoopMove.worthwhile(ch, ch.eventLoop())).as("already there").isFalse();

        assertThat(move(ch, target).get(10, TimeUnit.SECONDS)).isSameAs(target);
        assertThat(ch.eventLoop()).isSameAs(target);
        assertThat(ch.isActive()).isTrue();
        send("two");
        assertThat(reads.poll(10, TimeUnit.SECONDS)).isEqualTo("two on its loop");
        assertThat(answer()).isEqualTo("ok");
    }

    @Test
    void bytesSentDuringTheMoveAndReadingOffAreKept() throws Exception {
        Channel ch = connect();
        EventLoop target = otherLoop(ch);
        ch.eventLoop().submit(() -> ch.config().setAutoRead(false)).sync();
        send("held");
        assertThat(move(ch, target).get(10, TimeUnit.SECONDS)).isSameAs(target);
        assertThat(reads.poll(200, TimeUnit.MILLISECONDS)).as("reading stays off after the move").isNull();

        ch.config().setAutoRead(true);
        assertThat(reads.poll(10, TimeUnit.SECONDS)).isEqualTo("held on its loop");
        assertThat(answer()).isEqualTo("ok");
    }

    @Test
    void aTaskPostedBeforeTheMoveRunsWhereTheConnectionIsThen() throws Exception {
        Channel ch = connect();
        EventLoop origin = ch.eventLoop();
        EventLoop target = otherLoop(ch);
        CompletableFuture<Boolean> ranOnTarget = new CompletableFuture<>();
        CompletableFuture<EventLoop> arrived = new CompletableFuture<>();
        origin.execute(() -> {
            LoopMove.move(ch, target, () -> arrived.complete(ch.eventLoop()), arrived::completeExceptionally);
            // Queued on the old loop behind the move: it finds the connection gone and follows it.
            LoopMove.execute(ch, () -> ranOnTarget.complete(target.inEventLoop() && ch.isRegistered()));
        });
        assertThat(ranOnTarget.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(arrived.get(10, TimeUnit.SECONDS)).isSameAs(target);
    }

    @Test
    void onlyAnotherLoopOfTheSameGroupIsWorthMovingTo() throws Exception {
        Channel ch = connect();
        Channel elsewhere = new NioSocketChannel();
        otherLoop(ch).register(elsewhere).sync();
        EmbeddedChannel embedded = new EmbeddedChannel();
        EmbeddedChannel otherEmbedded = new EmbeddedChannel();
        try {
            assertThat(LoopMove.worthwhile(ch, elsewhere.eventLoop())).isTrue();
            assertThat(LoopMove.worthwhile(ch, ch.eventLoop())).isFalse();
            assertThat(LoopMove.worthwhile(ch, embedded.eventLoop())).isFalse();
            assertThat(LoopMove.worthwhile(embedded, otherEmbedded.eventLoop())).as("test loops have no group").isFalse();
        } finally {
            elsewhere.close().sync();
            embedded.finishAndReleaseAll();
            otherEmbedded.finishAndReleaseAll();
        }
    }
}

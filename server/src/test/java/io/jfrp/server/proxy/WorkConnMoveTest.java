package io.jfrp.server.proxy;

import io.jfrp.testkit.AcceptedTestConnection;
import io.jfrp.testkit.TestEventLoops;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WorkConnMove} on real NIO loops: a TCP work connection taken for a connection on another loop
 * of its group goes there, and what the work is then given to do runs there; it reads and writes
 * there as before. Nothing moves when it is there already, when no loop is asked for, or to a loop of
 * another group.
 */
class WorkConnMoveTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);
    @RegisterExtension
    static final TestEventLoops OTHER_GROUP = TestEventLoops.nio(1);

    private final AcceptedTestConnection conn = new AcceptedTestConnection();
    /** What the accepted connection read, with where it read it. */
    private final BlockingQueue<String> reads = conn.reads();

    @AfterEach
    void close() throws Exception {
        conn.close();
    }

    /** A work connection as jfrps holds one: accepted on a worker loop, auto-read on; it answers "ok". */
    private Channel workConn() throws Exception {
        return conn.open(LOOPS.group());
    }

    private static EventLoop otherLoop(Channel ch) {
        return AcceptedTestConnection.otherLoop(ch);
    }

    /** {@link WorkConnMove#onto} from a thread of neither loop (the control's); the loop its task ran on. */
    private static CompletableFuture<EventLoop> onto(Channel work, EventLoop servedOn) {
        CompletableFuture<EventLoop> ran = new CompletableFuture<>();
        WorkConnMove.onto(work, servedOn, () -> ran.complete(work.eventLoop().inEventLoop() ? work.eventLoop() : null),
                ran::completeExceptionally);
        return ran;
    }

    private void send(String text) throws Exception {
        conn.send(text);
    }

    private String answer() throws Exception {
        return conn.answer();
    }

    @Test
    void aWorkConnectionMovesToTheLoopItServesAndCarriesBytesThere() throws Exception {
        Channel work = workConn();
        EventLoop target = otherLoop(work);

        assertThat(onto(work, target).get(10, TimeUnit.SECONDS)).isSameAs(target);
        assertThat(work.eventLoop()).isSameAs(target);
        assertThat(work.isActive()).isTrue();
        send("start");
        assertThat(reads.poll(10, TimeUnit.SECONDS)).isEqualTo("start on its loop");
        assertThat(answer()).isEqualTo("ok");
    }

    @Test
    void bytesThatArriveDuringTheMoveAreReadOnTheNewLoop() throws Exception {
        Channel work = workConn();
        EventLoop target = otherLoop(work);
        CompletableFuture<EventLoop> ran = new CompletableFuture<>();
        work.eventLoop().execute(() -> {
            WorkConnMove.onto(work, target, () -> ran.complete(work.eventLoop()), ran::completeExceptionally);
            try {
                send("early"); // while the move is on its way
            } catch (Exception e) {
                ran.completeExceptionally(e);
            }
        });
        assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(target);
        assertThat(reads.poll(10, TimeUnit.SECONDS)).isEqualTo("early on its loop");
        assertThat(answer()).isEqualTo("ok");
    }

    @Test
    void nothingMovesWhenThereAlreadyOrNoLoopIsAskedFor() throws Exception {
        Channel work = workConn();
        EventLoop home = work.eventLoop();

        assertThat(onto(work, home).get(10, TimeUnit.SECONDS)).isSameAs(home);
        assertThat(onto(work, null).get(10, TimeUnit.SECONDS)).isSameAs(home);
        assertThat(work.eventLoop()).isSameAs(home);
        send("still");
        assertThat(reads.poll(10, TimeUnit.SECONDS)).isEqualTo("still on its loop");
    }

    @Test
    void onlyATcpConnectionMovesAndOnlyWithinItsGroup() throws Exception {
        Channel work = workConn();
        EventLoop foreign = (EventLoop) OTHER_GROUP.group().next();
        EmbeddedChannel stream = new EmbeddedChannel(); // not a TCP connection: a stream stays with its session
        try {
            assertThat(WorkConnMove.worthwhile(work, otherLoop(work))).isTrue();
            assertThat(WorkConnMove.worthwhile(work, foreign)).as("a loop of another group").isFalse();
            assertThat(WorkConnMove.worthwhile(stream, otherLoop(work))).as("not a SocketChannel").isFalse();
            assertThat(onto(work, foreign).get(10, TimeUnit.SECONDS)).isSameAs(work.eventLoop());
            assertThat(work.eventLoop().parent()).isSameAs(LOOPS.group());
        } finally {
            stream.finishAndReleaseAll();
        }
    }
}

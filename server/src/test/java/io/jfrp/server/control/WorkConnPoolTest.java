package io.jfrp.server.control;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** One client's work connections and the public connections waiting for them, on the control's loop. */
class WorkConnPoolTest {
    /** The control connection: its loop runs the pool (frozen time, tasks run by the test). */
    private final EmbeddedChannel control = new EmbeddedChannel();
    private final AtomicInteger requested = new AtomicInteger();
    private final WorkConnPool pool = new WorkConnPool(control.eventLoop(), 2, requested::incrementAndGet);
    private final List<EmbeddedChannel> works = new ArrayList<>();

    @AfterEach
    void tearDown() {
        control.finishAndReleaseAll();
        works.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private EmbeddedChannel work() {
        EmbeddedChannel ch = new EmbeddedChannel();
        works.add(ch);
        return ch;
    }

    @Test
    void anIdleConnectionIsTakenAtOnceAndEachTakeAsksForOneMore() {
        EmbeddedChannel w = work();
        pool.offer(w);
        assertThat(pool.idleCount()).isEqualTo(1);

        Future<Channel> taken = pool.take(Duration.ofSeconds(10));

        assertThat(taken.isSuccess()).isTrue();
        assertThat(taken.getNow()).isSameAs(w);
        assertThat(pool.idleCount()).isZero();
        assertThat(requested).as("ReqWorkConn so the pool refills").hasValue(1);
    }

    @Test
    void aWaitingTakeGetsTheNextConnectionThatArrives() {
        Future<Channel> taken = pool.take(Duration.ofSeconds(10));
        assertThat(taken.isDone()).isFalse();

        EmbeddedChannel w = work();
        pool.offer(w);

        assertThat(taken.getNow()).isSameAs(w);
        assertThat(pool.idleCount()).as("handed over, not pooled").isZero();
    }

    @Test
    void aTakeFailsAfterItsTimeoutAndALateConnectionIsPooled() {
        control.freezeTime();
        Future<Channel> taken = pool.take(Duration.ofSeconds(10));

        control.advanceTimeBy(9, TimeUnit.SECONDS);
        control.runScheduledPendingTasks();
        assertThat(taken.isDone()).isFalse();
        control.advanceTimeBy(1, TimeUnit.SECONDS);
        control.runScheduledPendingTasks();

        assertThat(taken.cause()).isInstanceOf(TimeoutException.class).hasMessageContaining("PT10S");
        pool.offer(work());
        assertThat(pool.idleCount()).isEqualTo(1);
    }

    @Test
    void noMoreThanMaxIdleConnectionsAreKept() {
        EmbeddedChannel a = work();
        EmbeddedChannel b = work();
        EmbeddedChannel c = work();
        pool.offer(a);
        pool.offer(b);
        pool.offer(c);

        assertThat(pool.idleCount()).isEqualTo(2);
        assertThat(c.isOpen()).as("beyond maxPoolCount: closed").isFalse();
        assertThat(a.isOpen()).isTrue();
    }

    @Test
    void aClosedIdleConnectionIsNotHandedOut() {
        EmbeddedChannel dead = work();
        EmbeddedChannel alive = work();
        pool.offer(dead);
        pool.offer(alive);
        dead.close();
        control.runPendingTasks();

        assertThat(pool.take(Duration.ofSeconds(10)).getNow()).isSameAs(alive);
    }

    @Test
    void closingThePoolClosesIdleConnectionsFailsWaitersAndRefusesLaterOnes() {
        EmbeddedChannel idle = work();
        pool.offer(idle);
        pool.take(Duration.ofSeconds(10)); // takes idle
        Future<Channel> waiting = pool.take(Duration.ofSeconds(10));
        EmbeddedChannel spare = work();

        pool.close();
        pool.offer(spare);

        assertThat(waiting.cause()).hasMessage("client is gone");
        assertThat(spare.isOpen()).isFalse();
        assertThat(pool.take(Duration.ofSeconds(10)).cause()).hasMessage("client is gone");
    }
}

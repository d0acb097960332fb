package io.jfrp.mux;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SessionMetricsTest {
    final EmbeddedChannel ch = new EmbeddedChannel();
    final AtomicInteger built = new AtomicInteger();

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    SessionStats stats(long refused) {
        return new SessionStats(1, 1, 4, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, false, false,
                refused, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void changesArePublishedOnceTheCurrentTaskEnds() {
        SessionMetrics[] m = new SessionMetrics[1];
        m[0] = new SessionMetrics(ch.eventLoop(), () -> {
            built.incrementAndGet();
            return stats(m[0].refusedInboundLimit);
        });
        assertThat(m[0].published()).isSameAs(SessionStats.EMPTY);
        m[0].refusedInboundLimit++;
        m[0].changed();
        m[0].refusedInboundLimit++;
        m[0].changed();
        assertThat(m[0].published()).as("not before the task runs").isSameAs(SessionStats.EMPTY);
        ch.runPendingTasks();
        assertThat(built.get()).as("many changes, one snapshot").isEqualTo(1);
        assertThat(m[0].published().refusedInboundLimit()).isEqualTo(2);
        m[0].refusedInboundLimit++;
        m[0].changed();
        ch.runPendingTasks();
        assertThat(built.get()).isEqualTo(2);
        assertThat(m[0].published().refusedInboundLimit()).isEqualTo(3);
    }

    @Test
    void publishNowReplacesTheSnapshotAtOnce() {
        SessionMetrics m = new SessionMetrics(ch.eventLoop(), () -> stats(7));
        m.publish();
        assertThat(m.published().refusedInboundLimit()).isEqualTo(7);
        assertThat(m.published().refusedStreams()).isEqualTo(7);
        assertThat(m.published().trackedStreams()).isEqualTo(1);
    }
}

package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.ping;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** Pings through a session on an EmbeddedChannel (time moved by the test). */
class KeepaliveTest extends EmbeddedSessionFixture {
    void start(YamuxConfig config) {
        startSession(YamuxRole.CLIENT, config, null);
    }

    @Test
    void anApplicationPingThatTimesOutFailsAloneAndTheSessionStays() {
        start(YamuxSessionTest.QUIET.withKeepalive(Duration.ZERO, Duration.ofSeconds(3)));
        Future<Duration> rtt = session.ping();
        assertThat(written(ch)).hasSize(1);
        ch.advanceTimeBy(4, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(rtt.cause()).hasMessageContaining("no answer to ping 0 within PT3S");
        assertThat(ch.isOpen()).isTrue();
        deliver(ch, ping(ACK, 0)); // too late: ignored
        assertThat(session.smoothedRtt()).isZero();
    }

    @Test
    void noNewKeepalivePingWhileOneIsUnanswered() {
        start(YamuxSessionTest.QUIET.withKeepalive(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        for (int i = 0; i < 5; i++) {
            ch.advanceTimeBy(1, TimeUnit.SECONDS);
            ch.runScheduledPendingTasks();
        }
        List<Frame> frames = written(ch);
        assertThat(frames).containsExactly(ping(SYN, 0));
        deliver(ch, ping(ACK, 0));
        ch.advanceTimeBy(1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(written(ch)).containsExactly(ping(SYN, 1));
    }

    @Test
    void windowTuningAsksForAnRttAtStartAndAnswersSetIt() {
        start(YamuxSessionTest.QUIET.withWindow(true, 4 * YamuxConfig.INITIAL_WINDOW));
        assertThat(written(ch)).containsExactly(ping(SYN, 0));
        assertThat(session.minRtt()).isZero();
        deliver(ch, ping(ACK, 0));
        assertThat(session.minRtt()).isPositive();
        assertThat(session.smoothedRtt()).isEqualTo(session.minRtt());
        assertThat(session.stats().minRtt()).isEqualTo(session.minRtt());
    }

    @Test
    void pendingPingsFailWhenTheSessionEnds() {
        start(YamuxSessionTest.QUIET);
        Future<Duration> rtt = session.ping();
        ch.close();
        assertThat(rtt.isDone() && !rtt.isSuccess()).isTrue();
        assertThat(session.ping().isSuccess()).isFalse();
    }
}

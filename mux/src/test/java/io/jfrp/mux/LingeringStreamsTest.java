package io.jfrp.mux;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LingeringStreamsTest {
    EmbeddedChannel ch;
    final List<String> expired = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel();
        ch.freezeTime();
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    LingeringStreams lingering(int max) {
        YamuxConfig config = YamuxConfig.defaults().withStreamCloseTimeout(Duration.ofSeconds(5))
                .withMaxLingeringStreams(max);
        return new LingeringStreams(ch.eventLoop(), config,
                (id, timedOut) -> expired.add(id + (timedOut ? " timed out" : " evicted")));
    }

    void advance(long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void keepsIdsUntilRemoved() {
        LingeringStreams l = lingering(10);
        l.add(1);
        l.add(3);
        assertThat(l.contains(1)).isTrue();
        assertThat(l.size()).isEqualTo(2);
        assertThat(l.remove(1)).isTrue();
        assertThat(l.remove(1)).isFalse();
        assertThat(l.contains(1)).isFalse();
        assertThat(l.contains(3)).isTrue();
        assertThat(expired).isEmpty();
    }

    @Test
    void theOldestIsEvictedWhenFull() {
        LingeringStreams l = lingering(3);
        for (int id = 1; id <= 11; id += 2) {
            l.add(id);
        }
        assertThat(expired).containsExactly("1 evicted", "3 evicted", "5 evicted");
        assertThat(l.size()).isEqualTo(3);
        // Removing from the middle keeps the order of the rest.
        l.remove(9);
        l.add(13);
        l.add(15);
        assertThat(expired).containsExactly("1 evicted", "3 evicted", "5 evicted", "7 evicted");
        assertThat(l.contains(11)).isTrue();
    }

    @Test
    void eachExpiresAfterTheTimeoutInTheOrderAdded() {
        LingeringStreams l = lingering(10);
        l.add(1);
        advance(2);
        l.add(3);
        l.add(5);
        l.remove(5);
        advance(2);
        assertThat(expired).isEmpty();
        advance(1);
        assertThat(expired).containsExactly("1 timed out");
        advance(1);
        assertThat(expired).containsExactly("1 timed out");
        advance(1);
        assertThat(expired).containsExactly("1 timed out", "3 timed out");
        assertThat(l.size()).isZero();
    }

    @Test
    void anEntryAddedAfterTheOthersLeftStillExpires() {
        LingeringStreams l = lingering(10);
        l.add(1);
        l.remove(1);
        advance(4);
        l.add(3); // the first timer still pending fires early and re-arms for this one
        advance(2);
        assertThat(expired).isEmpty();
        advance(3);
        assertThat(expired).containsExactly("3 timed out");
    }

    @Test
    void clearForgetsEverythingWithoutExpiring() {
        LingeringStreams l = lingering(10);
        l.add(1);
        l.add(3);
        l.clear();
        advance(60);
        assertThat(expired).isEmpty();
        assertThat(l.size()).isZero();
    }

    @Test
    void aCapOfZeroEvictsAtOnce() {
        LingeringStreams l = lingering(0);
        l.add(7);
        assertThat(expired).containsExactly("7 evicted");
        assertThat(l.size()).isZero();
    }
}

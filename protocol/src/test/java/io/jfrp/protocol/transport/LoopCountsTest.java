package io.jfrp.protocol.transport;

import io.jfrp.testkit.RegisteredChannels;
import io.jfrp.testkit.TestEventLoops;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LoopCounts} on four real NIO loops: each counted channel goes to the loop with the fewest
 * open, the scan's start first among equals, and a closed channel is counted out of its loop.
 */
class LoopCountsTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(4);

    private final RegisteredChannels channels = new RegisteredChannels();

    @AfterEach
    void close() {
        channels.close();
    }

    @Test
    void eachCountedChannelGoesToTheLoopWithTheFewestAndTheStartWinsTies() {
        LoopCounts counts = new LoopCounts(LOOPS.group());
        assertThat(counts.size()).isEqualTo(4);
        EventLoop any = LOOPS.group().next();
        List<EventLoop> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            placed.add(counts.count(channels.on(any), 2));
        }
        assertThat(placed).as("from loop 2 on, each tie to the next in the group's order")
                .extracting(counts::indexOf).containsExactly(2, 3, 0, 1);
        assertThat(counts.count(channels.on(any), 1)).as("all equal again: the start").isSameAs(placed.get(3));
        assertThat(counts.fewest(1)).as("loop 1 has two now; the next from 1 with one").isSameAs(placed.get(0));
        assertThat(counts.fewest(1)).as("fewest counts nothing").isSameAs(placed.get(0));
    }

    @Test
    void aClosedChannelIsCountedOutOfItsLoop() {
        LoopCounts counts = new LoopCounts(LOOPS.group());
        EventLoop any = LOOPS.group().next();
        for (int i = 0; i < 4; i++) {
            counts.count(channels.on(any), 0);
        }
        channels.get(2).close().syncUninterruptibly();
        assertThat(counts.indexOf(counts.fewest(0))).as("the closed one's loop").isEqualTo(2);
        assertThat(counts.indexOf(counts.count(channels.on(any), 3))).as("taken again, whatever the start")
                .isEqualTo(2);
        assertThat(counts.indexOf(counts.fewest(3))).as("every loop has one again: the start").isEqualTo(3);
    }

    @Test
    void aLoopOfAnotherGroupOrAStartOutsideTheGroupIsNoneOfIts() {
        LoopCounts counts = new LoopCounts(LOOPS.group());
        EmbeddedChannel elsewhere = new EmbeddedChannel();
        try {
            assertThat(counts.indexOf(elsewhere.eventLoop())).isEqualTo(-1);
        } finally {
            elsewhere.finishAndReleaseAll();
        }
        assertThatThrownBy(() -> counts.fewest(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no loop 4 of 4");
    }
}

package io.jfrp.client.control;

import io.jfrp.testkit.RegisteredChannels;
import io.jfrp.testkit.TestEventLoops;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RelayLoops}: each relay claimed goes to the loop with the fewest, so that four relays of
 * work connections that were all dialled on one loop end on four loops, and a relay that closes frees
 * its loop for the next.
 */
class RelayLoopsTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(4);

    private final RegisteredChannels channels = new RegisteredChannels();

    @AfterEach
    void close() {
        channels.close();
    }

    @Test
    void relaysGoToTheLoopsWithTheFewestAndClosedOnesFreeTheirs() {
        RelayLoops relays = new RelayLoops(LOOPS.group());
        EventLoop first = LOOPS.group().next();
        List<EventLoop> claimed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimed.add(relays.claim(channels.on(first)));
        }
        assertThat(claimed.get(0)).as("the first stays where it is").isSameAs(first);
        assertThat(new HashSet<>(claimed)).as("four relays, four loops").hasSize(4);

        channels.get(1).close().syncUninterruptibly();
        channels.get(3).close().syncUninterruptibly();
        EventLoop freedA = claimed.get(1);
        EventLoop freedB = claimed.get(3);
        EventLoop again = relays.claim(channels.on(first));
        EventLoop andAgain = relays.claim(channels.on(first));
        assertThat(List.of(again, andAgain)).as("the loops the closed relays left").containsExactlyInAnyOrder(freedA, freedB);

        Channel fifth = channels.on(first);
        assertThat(relays.claim(fifth)).as("a fifth: every loop has one, it stays").isSameAs(first);
    }

    @Test
    void aConnectionThatDoesNotMoveIsNotCounted() {
        RelayLoops relays = new RelayLoops(LOOPS.group());
        EmbeddedChannel stream = new EmbeddedChannel();
        try {
            assertThat(relays.claim(stream)).isNull();
        } finally {
            stream.finishAndReleaseAll();
        }
        EventLoop first = LOOPS.group().next();
        assertThat(relays.claim(channels.on(first))).as("nothing was counted on any loop").isSameAs(first);
    }
}

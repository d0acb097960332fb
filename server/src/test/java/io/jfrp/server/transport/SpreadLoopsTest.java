package io.jfrp.server.transport;

import io.jfrp.testkit.TestEventLoops;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SpreadLoops}: the worker loops in a turn of their own, untouched by the workers' turn. Four
 * public connections accepted with another accept after each (the work connection each one's client
 * opens to refill its pool) land on four loops, where the workers' own turn gives two; a connection
 * goes to the loop with the fewest open, so new ones fill the loops closed ones left.
 */
class SpreadLoopsTest {
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(4);

    @Test
    void aTurnOfItsOwnCoversEveryLoopWhateverElseTheWorkersTake() {
        EventLoopGroup workers = LOOPS.group();
        SpreadLoops spread = new SpreadLoops(workers);
        Set<EventLoop> viaSpread = new HashSet<>();
        Set<EventLoop> viaWorkers = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            viaSpread.add(spread.next());
            viaWorkers.add(workers.next()); // a public connection on the workers' own turn
            workers.next(); // the work connection its client opens to refill its pool
        }
        assertThat(viaSpread).hasSize(4);
        assertThat(viaWorkers).as("the workers' own turn, with an accept in between").hasSize(2);
    }

    @Test
    void registersOnTheLoopsInTurn() throws Exception {
        SpreadLoops spread = new SpreadLoops(LOOPS.group());
        Set<EventLoop> used = new HashSet<>();
        List<NioSocketChannel> channels = List.of(new NioSocketChannel(), new NioSocketChannel(),
                new NioSocketChannel(), new NioSocketChannel());
        try {
            for (NioSocketChannel ch : channels) {
                spread.register(ch).sync();
                used.add(ch.eventLoop());
                assertThat(ch.eventLoop().parent()).isSameAs(LOOPS.group());
            }
            assertThat(used).hasSize(4);
            assertThat(spread).containsExactlyElementsOf(LOOPS.group());
        } finally {
            for (NioSocketChannel ch : channels) {
                ch.close().sync();
            }
        }
    }

    @Test
    void aNewConnectionGoesWhereOnesHaveClosed() throws Exception {
        SpreadLoops spread = new SpreadLoops(LOOPS.group());
        List<NioSocketChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                channels.add(registered(spread));
            }
            channels.get(0).close().sync();
            channels.get(2).close().sync();
            Set<EventLoop> freed = Set.of(channels.get(0).eventLoop(), channels.get(2).eventLoop());
            NioSocketChannel again = registered(spread);
            channels.add(again);
            NioSocketChannel andAgain = registered(spread);
            channels.add(andAgain);
            // A turn alone gives the first and the second loop again: the second is still taken.
            assertThat(Set.of(again.eventLoop(), andAgain.eventLoop())).as("the loops left by the closed ones")
                    .isEqualTo(freed);
        } finally {
            for (NioSocketChannel ch : channels) {
                ch.close().sync();
            }
        }
    }

    private static NioSocketChannel registered(SpreadLoops spread) throws InterruptedException {
        NioSocketChannel ch = new NioSocketChannel();
        spread.register(ch).sync();
        return ch;
    }
}

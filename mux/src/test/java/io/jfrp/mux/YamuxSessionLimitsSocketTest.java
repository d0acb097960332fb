package io.jfrp.mux;

import io.netty.channel.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound limit over real sockets: set and raised from the test thread while the server's event
 * loop runs the session (as a server raises it after a login), and the stats the loop publishes read
 * from the test thread.
 */
class YamuxSessionLimitsSocketTest {
    @RegisterExtension
    final SessionPair pair = SessionPair.tcp();

    YamuxSession connect(int initialInboundLimit) throws Exception {
        return pair.connectToEcho(YamuxConfig.defaults().withMaxInboundStreams(initialInboundLimit),
                YamuxConfig.defaults());
    }

    /**
     * Opens {@code n} echo streams in one task of the client's event loop; returns how many echoed
     * intact and how many were reset.
     */
    static int[] echoStreams(YamuxSession client, int n, long seed) throws Exception {
        List<HashingStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            streams.add(new HashingStreamClient(200_000, seed + i, true));
        }
        client.channel().eventLoop().submit(() -> streams.forEach(client::openStream)).get(10, TimeUnit.SECONDS);
        int echoed = 0;
        int reset = 0;
        for (HashingStreamClient h : streams) {
            try {
                assertThat(h.result.get(30, TimeUnit.SECONDS)).isEqualTo(h.sentSha256);
                echoed++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("reset by peer");
                reset++;
            }
        }
        return new int[] {echoed, reset};
    }

    /** Opens {@code n} streams that neither write nor close, in one task of the client's event loop. */
    static List<YamuxStreamChannel> idleStreams(YamuxSession client, int n) throws Exception {
        return client.channel().eventLoop().submit(() -> {
            List<YamuxStreamChannel> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(client.openStream(new RecordingHandler()).getNow());
            }
            return out;
        }).get(10, TimeUnit.SECONDS);
    }

    static long openOnLoop(YamuxSession client, List<YamuxStreamChannel> streams) throws Exception {
        return client.channel().eventLoop().submit(() -> streams.stream().filter(Channel::isOpen).count())
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLimitSetFromAnotherThreadRefusesAndARaisedOneAdmits() throws Exception {
        YamuxSession client = connect(2);
        YamuxSession server = pair.serverSession();
        assertThat(server.maxInboundStreams()).isEqualTo(2);
        // Six streams held open: two are admitted, four reset.
        List<YamuxStreamChannel> held = idleStreams(client, 6);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().refusedInboundLimit() == 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> openOnLoop(client, held) == 2);
        assertThat(server.stats().inboundStreams()).isEqualTo(2);
        // Another stream while those two are held: reset too.
        assertThat(echoStreams(client, 1, 100)).containsExactly(0, 1);

        server.setMaxInboundStreams(100); // from the test thread, as a server does after a login
        await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().maxInboundStreams() == 100);
        assertThat(echoStreams(client, 20, 300)).containsExactly(20, 0);
        client.channel().eventLoop().submit(() -> held.forEach(Channel::close)).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().trackedStreams() == 0
                && server.stats().inboundStreams() == 0);
        SessionStats stats = server.stats();
        assertThat(stats.refusedInboundLimit()).isEqualTo(5);
        assertThat(stats.lingeringStreams()).isZero();
        assertThat(stats.unreadBytes()).isZero();
        assertThat(stats.closed()).isFalse();
    }
}

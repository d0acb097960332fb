package io.jfrp.mux;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips between two sessions over Netty's in-VM LocalChannel, on separate event loops. */
class YamuxLocalChannelTest {
    final SessionPair pair = SessionPair.local();

    @AfterEach
    void tearDown() throws Exception {
        pair.close();
    }

    YamuxSession connect(YamuxConfig config) throws Exception {
        return pair.connect(() -> new YamuxSession(YamuxRole.SERVER, config, new StreamEchoHandler()),
                new YamuxSession(YamuxRole.CLIENT, config, null));
    }

    @Test
    void streamsRoundTripWithEqualHashes() throws Exception {
        YamuxSession session = connect(YamuxConfig.defaults());
        Random sizes = new Random(1);
        List<HashingStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            HashingStreamClient h = new HashingStreamClient(sizes.nextInt(600_000), i, true);
            streams.add(h);
            session.openStream(h);
        }
        CompletableFuture.allOf(streams.stream().map(h -> h.result).toArray(CompletableFuture[]::new))
                .get(60, TimeUnit.SECONDS);
        for (HashingStreamClient h : streams) {
            assertThat(h.result.getNow(null)).isEqualTo(h.sentSha256);
        }
    }

    @Test
    void smallFramesStillCarryEverything() throws Exception {
        YamuxSession session = connect(YamuxConfig.defaults().withMaxFrameSize(1000));
        HashingStreamClient h = new HashingStreamClient(1_000_000, 3, true);
        session.openStream(h);
        assertThat(h.result.get(30, TimeUnit.SECONDS)).isEqualTo(h.sentSha256);
    }

    @Test
    void rttIsMeasuredAtStartForAutoTuning() throws Exception {
        YamuxSession session = connect(YamuxConfig.defaults());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> session.channel().eventLoop().submit(() -> !session.smoothedRtt().isZero()).get()
                        .booleanValue());
    }
}

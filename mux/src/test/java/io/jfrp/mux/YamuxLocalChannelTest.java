package io.jfrp.mux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips between two sessions over Netty's in-VM LocalChannel, on separate event loops. */
class YamuxLocalChannelTest {
    @RegisterExtension
    final SessionPair pair = SessionPair.local();

    @Test
    void streamsRoundTripWithEqualHashes() throws Exception {
        YamuxSession session = pair.connectToEcho(YamuxConfig.defaults(), YamuxConfig.defaults());
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
        YamuxConfig smallFrames = YamuxConfig.defaults().withMaxFrameSize(1000);
        YamuxSession session = pair.connectToEcho(smallFrames, smallFrames);
        HashingStreamClient h = new HashingStreamClient(1_000_000, 3, true);
        session.openStream(h);
        assertThat(h.result.get(30, TimeUnit.SECONDS)).isEqualTo(h.sentSha256);
    }

    @Test
    void rttIsMeasuredAtStartForAutoTuning() throws Exception {
        YamuxSession session = pair.connectToEcho(YamuxConfig.defaults(), YamuxConfig.defaults());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> session.channel().eventLoop().submit(() -> !session.smoothedRtt().isZero()).get()
                        .booleanValue());
    }
}

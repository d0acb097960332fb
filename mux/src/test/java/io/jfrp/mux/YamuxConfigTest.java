package io.jfrp.mux;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java API of the settings; reading them from a file is the config module's MuxConfigReaderTest. */
class YamuxConfigTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    private static void assertDefaults(YamuxConfig c) {
        assertThat(c.acceptBacklog()).isEqualTo(256);
        assertThat(c.maxConcurrentStreams()).isEqualTo(131072);
        assertThat(c.keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxFrameSize()).isEqualTo(16 * KIB);
        assertThat(c.windowAutoTuning()).isTrue();
        assertThat(c.maxStreamWindow()).isEqualTo(16 * MIB);
        assertThat(c.sessionWindowBudget()).isEqualTo(64L * MIB);
        assertThat(c.maxPingsPerSecond()).isEqualTo(100);
        assertThat(c.maxResetsPerSecond()).isEqualTo(2000);
        assertThat(c.maxSynsPerSecond()).isEqualTo(20000);
        assertThat(c.maxInboundStreams()).isEqualTo(131072);
        assertThat(c.streamCloseTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxLingeringStreams()).isEqualTo(4096);
        assertThat(c.connectionWriteBuffer()).isEqualTo(256 * KIB);
        assertThat(c.maxQueuedControlFrames()).isEqualTo(10000);
    }

    @Test
    void defaultsAreTheDocumentedValues() {
        assertDefaults(YamuxConfig.defaults());
        assertThat(YamuxConfig.INITIAL_WINDOW).isEqualTo(256 * KIB);
    }

    @Test
    void withMethodsDeriveACopyAndValidate() {
        YamuxConfig d = YamuxConfig.defaults();
        YamuxConfig c = d.withAcceptBacklog(3)
                .withMaxConcurrentStreams(4)
                .withKeepalive(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .withMaxFrameSize(1000)
                .withWindow(false, 512 * KIB)
                .withSessionWindowBudget(5)
                .withFloodLimits(6, 7, 8);
        assertThat(c.acceptBacklog()).isEqualTo(3);
        assertThat(c.maxConcurrentStreams()).isEqualTo(4);
        assertThat(c.keepaliveInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.maxFrameSize()).isEqualTo(1000);
        assertThat(c.windowAutoTuning()).isFalse();
        assertThat(c.maxStreamWindow()).isEqualTo(512 * KIB);
        assertThat(c.sessionWindowBudget()).isEqualTo(5);
        assertThat(c.maxPingsPerSecond()).isEqualTo(6);
        assertThat(c.maxResetsPerSecond()).isEqualTo(7);
        assertThat(c.maxSynsPerSecond()).isEqualTo(8);
        assertDefaults(d); // unchanged

        assertThatThrownBy(() -> d.withMaxFrameSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-frame-size");
        assertThatThrownBy(() -> d.withWindow(true, 128 * KIB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-stream-window");
        assertThatThrownBy(() -> d.withKeepalive(Duration.ofSeconds(30), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepalive-timeout");
        assertThatThrownBy(() -> d.withSessionWindowBudget(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session-window-budget");
        assertThatThrownBy(() -> d.withFloodLimits(1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-resets-per-second");
    }

    @Test
    void newSettingsDeriveAndValidate() {
        YamuxConfig c = YamuxConfig.defaults().withMaxInboundStreams(4).withMaxLingeringStreams(0)
                .withMaxQueuedControlFrames(7);
        assertThat(c.maxInboundStreams()).isEqualTo(4);
        assertThat(c.maxLingeringStreams()).isZero();
        assertThat(c.maxQueuedControlFrames()).isEqualTo(7);
        assertThatThrownBy(() -> YamuxConfig.defaults().withMaxInboundStreams(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jfrp.mux.max-inbound-streams must be in [0, 2147483647], got -1");
        assertThatThrownBy(() -> YamuxConfig.defaults().withMaxQueuedControlFrames(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flood.max-queued-control-frames");
    }

    @Test
    void builderStartsFromTheDefaultsAndNamesTheFirstBadSetting() {
        assertThat(YamuxConfig.builder().build().toString()).isEqualTo(YamuxConfig.defaults().toString());
        assertThat(YamuxConfig.builder().maxFrameSize(1000).acceptBacklog(3).build().maxFrameSize()).isEqualTo(1000);
        assertThatThrownBy(() -> YamuxConfig.builder().acceptBacklog(-1).maxFrameSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jfrp.mux.accept-backlog must be in [0, 2147483647], got -1");
    }
}

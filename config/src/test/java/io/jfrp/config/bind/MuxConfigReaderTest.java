package io.jfrp.config.bind;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.jfrp.mux.YamuxConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Reading a {@code jfrp.mux} block (moved here from the mux module with the reader). */
class MuxConfigReaderTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    private static YamuxConfig parse(String hocon) {
        return MuxConfigReader.read(ConfigFactory.parseString(hocon));
    }

    /**
     * The reference.conf block and YamuxConfig.defaults() are two copies of one set of values (whose
     * values the mux module's YamuxConfigTest checks).
     */
    @Test
    void emptyBlockReadsExactlyTheJavaDefaults() {
        assertThat(parse("").toString()).isEqualTo(YamuxConfig.defaults().toString());
    }

    @Test
    void defaultsMatchReferenceConfReadDirectly() {
        Config ref = ConfigFactory.parseResources("reference.conf").getConfig("jfrp.mux");
        YamuxConfig d = YamuxConfig.defaults();
        assertThat(d.acceptBacklog()).isEqualTo(ref.getInt("accept-backlog"));
        assertThat(d.maxConcurrentStreams()).isEqualTo(ref.getInt("max-concurrent-streams"));
        assertThat(d.keepaliveInterval()).isEqualTo(ref.getDuration("keepalive-interval"));
        assertThat(d.keepaliveTimeout()).isEqualTo(ref.getDuration("keepalive-timeout"));
        assertThat((long) d.maxFrameSize()).isEqualTo(ref.getBytes("max-frame-size"));
        assertThat(d.windowAutoTuning()).isEqualTo(ref.getBoolean("window-auto-tuning"));
        assertThat((long) d.maxStreamWindow()).isEqualTo(ref.getBytes("max-stream-window"));
        assertThat(d.sessionWindowBudget()).isEqualTo(ref.getBytes("session-window-budget"));
        assertThat(d.maxPingsPerSecond()).isEqualTo(ref.getInt("flood.max-pings-per-second"));
        assertThat(d.maxResetsPerSecond()).isEqualTo(ref.getInt("flood.max-resets-per-second"));
        assertThat(d.maxSynsPerSecond()).isEqualTo(ref.getInt("flood.max-syns-per-second"));
        assertThat(d.maxInboundStreams()).isEqualTo(ref.getInt("max-inbound-streams"));
        assertThat(d.maxLingeringStreams()).isEqualTo(ref.getInt("max-lingering-streams"));
        assertThat(d.maxQueuedControlFrames()).isEqualTo(ref.getInt("flood.max-queued-control-frames"));
        assertThat(d.streamCloseTimeout()).isEqualTo(ref.getDuration("stream-close-timeout"));
        assertThat((long) d.connectionWriteBuffer()).isEqualTo(ref.getBytes("connection-write-buffer"));
    }

    @Test
    void everyKeyOverridden() {
        YamuxConfig c = parse("""
                accept-backlog = 10
                max-concurrent-streams = 500
                keepalive-interval = 5s
                keepalive-timeout = 1500ms
                max-frame-size = 32KiB
                window-auto-tuning = off
                max-stream-window = 6MiB
                session-window-budget = 1GiB
                flood {
                  max-pings-per-second = 7
                  max-resets-per-second = 8
                }
                flood.max-syns-per-second = 9
                max-inbound-streams = 4
                max-lingering-streams = 11
                flood.max-queued-control-frames = 12
                """);
        // Every field compared: the keys set above, and the defaults of the two keys left out.
        assertThat(c).isEqualTo(YamuxConfig.builder()
                .acceptBacklog(10)
                .maxConcurrentStreams(500)
                .keepaliveInterval(Duration.ofSeconds(5))
                .keepaliveTimeout(Duration.ofMillis(1500))
                .maxFrameSize(32 * KIB)
                .windowAutoTuning(false)
                .maxStreamWindow(6 * MIB)
                .sessionWindowBudget(1024L * MIB)
                .maxPingsPerSecond(7)
                .maxResetsPerSecond(8)
                .maxSynsPerSecond(9)
                .maxInboundStreams(4)
                .maxLingeringStreams(11)
                .maxQueuedControlFrames(12)
                .build());
    }

    @Test
    void partialOverrideKeepsOtherDefaults() {
        YamuxConfig c = parse("max-frame-size = 1024\nflood.max-pings-per-second = 1");
        assertThat(c.maxFrameSize()).isEqualTo(1024);
        assertThat(c.maxPingsPerSecond()).isEqualTo(1);
        assertThat(c.acceptBacklog()).isEqualTo(256);
        assertThat(c.maxStreamWindow()).isEqualTo(16 * MIB);
        assertThat(c.maxResetsPerSecond()).isEqualTo(2000);
        assertThat(c.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void blockTakenFromAnApplicationConfig() {
        Config app = ConfigFactory.parseString("jfrp.mux { accept-backlog = 0, keepalive-interval = 0 }");
        YamuxConfig c = MuxConfigReader.read(app.getConfig("jfrp.mux"));
        assertThat(c.acceptBacklog()).isZero();
        assertThat(c.keepaliveInterval()).isEqualTo(Duration.ZERO);
        assertThat(c.keepaliveTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void boundaryValuesAccepted() {
        YamuxConfig c = parse("max-frame-size = 256KiB\nmax-stream-window = 1GiB\nsession-window-budget = 0");
        assertThat(c.maxFrameSize()).isEqualTo(256 * KIB);
        assertThat(c.maxStreamWindow()).isEqualTo(1024 * MIB);
        assertThat(c.sessionWindowBudget()).isZero();
        assertThat(parse("max-stream-window = 256KiB\nmax-frame-size = 1").maxStreamWindow())
                .isEqualTo(256 * KIB);
    }

    /** An unknown key or a bad value is an error naming the key (as "unknown key jfrp.mux.x" when unknown). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            foo = 1                             ; unknown key jfrp.mux.foo
            flood.max-floods-per-second = 3     ; unknown key jfrp.mux.flood.max-floods-per-second
            max-frame-sizes = 16KiB             ; unknown key jfrp.mux.max-frame-sizes
            flood = 5                           ; unknown key jfrp.mux.flood
            max-frame-size = 0                  ; max-frame-size
            max-frame-size = 257KiB             ; max-frame-size
            max-stream-window = 255KiB          ; max-stream-window
            max-stream-window = 262143          ; max-stream-window
            max-stream-window = 2GiB            ; max-stream-window
            keepalive-timeout = 0s              ; keepalive-timeout
            keepalive-timeout = -1s             ; keepalive-timeout
            keepalive-interval = -1s            ; keepalive-interval
            accept-backlog = -1                 ; accept-backlog
            accept-backlog = lots               ; accept-backlog
            accept-backlog = 3000000000         ; accept-backlog
            max-concurrent-streams = 0          ; max-concurrent-streams
            session-window-budget = -1          ; session-window-budget
            window-auto-tuning = maybe          ; window-auto-tuning
            keepalive-interval = soon           ; keepalive-interval
            flood.max-pings-per-second = 0      ; flood.max-pings-per-second
            flood.max-resets-per-second = 0     ; flood.max-resets-per-second
            flood.max-syns-per-second = -5      ; flood.max-syns-per-second
            max-inbound-streams = -1            ; max-inbound-streams
            max-lingering-streams = -1          ; max-lingering-streams
            flood.max-queued-control-frames = 0 ; flood.max-queued-control-frames
            """)
    void rejectedNamingTheKey(String hocon, String named) {
        assertThatThrownBy(() -> parse(hocon))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void exactMessageForOutOfRangeFrameSize() {
        assertThatThrownBy(() -> parse("max-frame-size = 0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("jfrp.mux.max-frame-size must be in [1, 262144], got 0");
    }

    /**
     * Sizes are read with {@code getBytes(..).intValue()}: a value of 2^32 + x is silently taken as x.
     * 4097 MiB = 2^32 + 1 MiB becomes a 1 MiB window instead of being rejected as above 1 GiB;
     * 4 GiB + 16 KiB becomes a 16 KiB frame size instead of being rejected as above 256 KiB.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            max-stream-window = 4097MiB ; max-stream-window
            max-frame-size = 4294983680 ; max-frame-size
            """)
    void sizeAbove4GiBRejectedNotTruncated(String hocon, String key) {
        Throwable thrown = catchThrowable(() -> parse(hocon));
        assertThat(thrown)
                .as("'%s' must be rejected, not truncated to its low 32 bits; got %s", hocon,
                        thrown != null ? thrown : parse(hocon))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }
}

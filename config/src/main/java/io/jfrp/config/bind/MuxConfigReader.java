package io.jfrp.config.bind;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.jfrp.mux.YamuxConfig;

import java.util.Set;

/**
 * Reads a {@code jfrp.mux} block into the mux module's {@link YamuxConfig}. The defaults are this
 * module's {@code reference.conf} (block {@code jfrp.mux}, each key with a comment), which mirrors
 * {@link YamuxConfig#defaults()}; a key the block leaves out takes its default.
 */
public final class MuxConfigReader {
    private static final Set<String> KEYS = Set.of("accept-backlog", "max-concurrent-streams",
            "max-inbound-streams", "keepalive-interval", "keepalive-timeout", "stream-close-timeout",
            "max-lingering-streams", "max-frame-size", "connection-write-buffer", "window-auto-tuning",
            "max-stream-window", "session-window-budget", "flood.max-pings-per-second",
            "flood.max-resets-per-second", "flood.max-syns-per-second", "flood.max-queued-control-frames");

    private MuxConfigReader() {
    }

    /**
     * Reads a {@code jfrp.mux} block. Missing keys take the defaults; an unknown key or a bad value
     * is an {@link IllegalArgumentException} naming the key (and the file, when the config has one).
     */
    public static YamuxConfig read(Config block) {
        block.entrySet().forEach(e -> {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown key jfrp.mux." + e.getKey()
                        + " in " + e.getValue().origin().description());
            }
        });
        Config c = block.withFallback(ConfigFactory.defaultReference(MuxConfigReader.class.getClassLoader())
                .getConfig("jfrp.mux"));
        try {
            return YamuxConfig.builder()
                    .acceptBacklog(c.getInt("accept-backlog"))
                    .maxConcurrentStreams(c.getInt("max-concurrent-streams"))
                    .maxInboundStreams(c.getInt("max-inbound-streams"))
                    .keepaliveInterval(c.getDuration("keepalive-interval"))
                    .keepaliveTimeout(c.getDuration("keepalive-timeout"))
                    .streamCloseTimeout(c.getDuration("stream-close-timeout"))
                    .maxLingeringStreams(c.getInt("max-lingering-streams"))
                    .maxFrameSize(bytesAsInt(c, "max-frame-size"))
                    .connectionWriteBuffer(bytesAsInt(c, "connection-write-buffer"))
                    .windowAutoTuning(c.getBoolean("window-auto-tuning"))
                    .maxStreamWindow(bytesAsInt(c, "max-stream-window"))
                    .sessionWindowBudget(c.getBytes("session-window-budget"))
                    .maxPingsPerSecond(c.getInt("flood.max-pings-per-second"))
                    .maxResetsPerSecond(c.getInt("flood.max-resets-per-second"))
                    .maxSynsPerSecond(c.getInt("flood.max-syns-per-second"))
                    .maxQueuedControlFrames(c.getInt("flood.max-queued-control-frames"))
                    .build();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad jfrp.mux setting: " + e.getMessage(), e);
        }
    }

    /** A size setting as an int; a value beyond the int range is an error, never truncated. */
    private static int bytesAsInt(Config c, String key) {
        long v = c.getBytes(key);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("jfrp.mux." + key + " is too large: " + v + " bytes");
        }
        return (int) v;
    }
}

package io.jfrp.mux;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of a yamux session. Defaults live in the module's {@code reference.conf} under
 * {@code jfrp.mux}, each with a comment; {@link #defaults()} reads them, {@link #fromConfig} reads an
 * application's overrides and rejects unknown keys, and the {@code withXxx} methods derive a copy.
 * Immutable.
 */
public final class YamuxConfig {
    /** The protocol's fixed initial window in each direction. */
    public static final int INITIAL_WINDOW = 256 * 1024;

    private static final Set<String> KEYS = Set.of("accept-backlog", "max-concurrent-streams",
            "keepalive-interval", "keepalive-timeout", "max-frame-size", "window-auto-tuning",
            "max-stream-window", "session-window-budget", "flood.max-pings-per-second",
            "flood.max-resets-per-second", "flood.max-syns-per-second");

    private static final YamuxConfig DEFAULTS = fromConfig(ConfigFactory.defaultReference().getConfig("jfrp.mux"));

    private final int acceptBacklog;
    private final int maxConcurrentStreams;
    private final Duration keepaliveInterval;
    private final Duration keepaliveTimeout;
    private final int maxFrameSize;
    private final boolean windowAutoTuning;
    private final int maxStreamWindow;
    private final long sessionWindowBudget;
    private final int maxPingsPerSecond;
    private final int maxResetsPerSecond;
    private final int maxSynsPerSecond;

    private YamuxConfig(int acceptBacklog, int maxConcurrentStreams, Duration keepaliveInterval,
                        Duration keepaliveTimeout, int maxFrameSize, boolean windowAutoTuning,
                        int maxStreamWindow, long sessionWindowBudget, int maxPingsPerSecond,
                        int maxResetsPerSecond, int maxSynsPerSecond) {
        this.acceptBacklog = requireRange("accept-backlog", acceptBacklog, 0, Integer.MAX_VALUE);
        this.maxConcurrentStreams = requireRange("max-concurrent-streams", maxConcurrentStreams, 1,
                Integer.MAX_VALUE);
        this.keepaliveInterval = Objects.requireNonNull(keepaliveInterval, "keepalive-interval");
        this.keepaliveTimeout = Objects.requireNonNull(keepaliveTimeout, "keepalive-timeout");
        if (keepaliveInterval.isNegative()) {
            throw new IllegalArgumentException("jfrp.mux.keepalive-interval must be >= 0, got " + keepaliveInterval);
        }
        if (keepaliveTimeout.isNegative() || keepaliveTimeout.isZero()) {
            throw new IllegalArgumentException("jfrp.mux.keepalive-timeout must be > 0, got " + keepaliveTimeout);
        }
        this.maxFrameSize = requireRange("max-frame-size", maxFrameSize, 1, INITIAL_WINDOW);
        this.windowAutoTuning = windowAutoTuning;
        this.maxStreamWindow = requireRange("max-stream-window", maxStreamWindow, INITIAL_WINDOW, 1 << 30);
        if (sessionWindowBudget < 0) {
            throw new IllegalArgumentException("session-window-budget must be >= 0, got " + sessionWindowBudget);
        }
        this.sessionWindowBudget = sessionWindowBudget;
        this.maxPingsPerSecond = requireRange("flood.max-pings-per-second", maxPingsPerSecond, 1, Integer.MAX_VALUE);
        this.maxResetsPerSecond = requireRange("flood.max-resets-per-second", maxResetsPerSecond, 1,
                Integer.MAX_VALUE);
        this.maxSynsPerSecond = requireRange("flood.max-syns-per-second", maxSynsPerSecond, 1, Integer.MAX_VALUE);
    }

    /** The defaults from {@code reference.conf}. */
    public static YamuxConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Reads a {@code jfrp.mux} block. Missing keys take the defaults; an unknown key or a bad value
     * is an {@link IllegalArgumentException} naming the key (and the file, when the config has one).
     */
    public static YamuxConfig fromConfig(Config block) {
        Config c = block.withFallback(ConfigFactory.defaultReference().getConfig("jfrp.mux"));
        block.entrySet().forEach(e -> {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown key jfrp.mux." + e.getKey()
                        + " in " + e.getValue().origin().description());
            }
        });
        try {
            return new YamuxConfig(
                    c.getInt("accept-backlog"),
                    c.getInt("max-concurrent-streams"),
                    c.getDuration("keepalive-interval"),
                    c.getDuration("keepalive-timeout"),
                    bytesAsInt(c, "max-frame-size"),
                    c.getBoolean("window-auto-tuning"),
                    bytesAsInt(c, "max-stream-window"),
                    c.getBytes("session-window-budget"),
                    c.getInt("flood.max-pings-per-second"),
                    c.getInt("flood.max-resets-per-second"),
                    c.getInt("flood.max-syns-per-second"));
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

    private static int requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("jfrp.mux." + key + " must be in [" + min + ", " + max
                    + "], got " + value);
        }
        return value;
    }

    /** Unaccepted inbound streams before a SYN gets RST. */
    public int acceptBacklog() {
        return acceptBacklog;
    }

    /** Streams open at once in one session, both directions. */
    public int maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    /** How often a keepalive ping is sent; zero when keepalive is off. */
    public Duration keepaliveInterval() {
        return keepaliveInterval;
    }

    /** How long a ping may go unanswered before the session is closed. */
    public Duration keepaliveTimeout() {
        return keepaliveTimeout;
    }

    /** The largest Data payload this side sends in one frame. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Whether receive windows grow toward the bandwidth-delay product. */
    public boolean windowAutoTuning() {
        return windowAutoTuning;
    }

    /** The largest receive window of one stream. */
    public int maxStreamWindow() {
        return maxStreamWindow;
    }

    /** Bound on the sum of window growth beyond {@link #INITIAL_WINDOW} over a session's streams. */
    public long sessionWindowBudget() {
        return sessionWindowBudget;
    }

    public int maxPingsPerSecond() {
        return maxPingsPerSecond;
    }

    public int maxResetsPerSecond() {
        return maxResetsPerSecond;
    }

    public int maxSynsPerSecond() {
        return maxSynsPerSecond;
    }

    public YamuxConfig withAcceptBacklog(int v) {
        return new YamuxConfig(v, maxConcurrentStreams, keepaliveInterval, keepaliveTimeout, maxFrameSize,
                windowAutoTuning, maxStreamWindow, sessionWindowBudget, maxPingsPerSecond, maxResetsPerSecond,
                maxSynsPerSecond);
    }

    public YamuxConfig withMaxConcurrentStreams(int v) {
        return new YamuxConfig(acceptBacklog, v, keepaliveInterval, keepaliveTimeout, maxFrameSize,
                windowAutoTuning, maxStreamWindow, sessionWindowBudget, maxPingsPerSecond, maxResetsPerSecond,
                maxSynsPerSecond);
    }

    public YamuxConfig withKeepalive(Duration interval, Duration timeout) {
        return new YamuxConfig(acceptBacklog, maxConcurrentStreams, interval, timeout, maxFrameSize,
                windowAutoTuning, maxStreamWindow, sessionWindowBudget, maxPingsPerSecond, maxResetsPerSecond,
                maxSynsPerSecond);
    }

    public YamuxConfig withMaxFrameSize(int v) {
        return new YamuxConfig(acceptBacklog, maxConcurrentStreams, keepaliveInterval, keepaliveTimeout, v,
                windowAutoTuning, maxStreamWindow, sessionWindowBudget, maxPingsPerSecond, maxResetsPerSecond,
                maxSynsPerSecond);
    }

    /** Auto-tuning on or off, up to {@code maxWindow}. */
    public YamuxConfig withWindow(boolean autoTuning, int maxWindow) {
        return new YamuxConfig(acceptBacklog, maxConcurrentStreams, keepaliveInterval, keepaliveTimeout,
                maxFrameSize, autoTuning, maxWindow, sessionWindowBudget, maxPingsPerSecond, maxResetsPerSecond,
                maxSynsPerSecond);
    }

    public YamuxConfig withSessionWindowBudget(long v) {
        return new YamuxConfig(acceptBacklog, maxConcurrentStreams, keepaliveInterval, keepaliveTimeout,
                maxFrameSize, windowAutoTuning, maxStreamWindow, v, maxPingsPerSecond, maxResetsPerSecond,
                maxSynsPerSecond);
    }

    /** Flood limits per second for pings, resets and SYNs received. */
    public YamuxConfig withFloodLimits(int pings, int resets, int syns) {
        return new YamuxConfig(acceptBacklog, maxConcurrentStreams, keepaliveInterval, keepaliveTimeout,
                maxFrameSize, windowAutoTuning, maxStreamWindow, sessionWindowBudget, pings, resets, syns);
    }

    @Override
    public String toString() {
        return "YamuxConfig{acceptBacklog=" + acceptBacklog + ", maxConcurrentStreams=" + maxConcurrentStreams
                + ", keepalive=" + keepaliveInterval + "/" + keepaliveTimeout + ", maxFrameSize=" + maxFrameSize
                + ", autoTuning=" + windowAutoTuning + ", maxStreamWindow=" + maxStreamWindow
                + ", sessionWindowBudget=" + sessionWindowBudget + "}";
    }
}

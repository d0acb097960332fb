package io.jfrp.mux;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Settings of a yamux session. Defaults live in the module's {@code reference.conf} under
 * {@code jfrp.mux}, each with a comment; {@link #defaults()} reads them, {@link #fromConfig} reads an
 * application's overrides and rejects unknown keys, and the {@code withXxx} methods derive a copy.
 * Every value is validated when a config is made. Immutable.
 */
public final class YamuxConfig {
    /** The protocol's fixed initial window in each direction. */
    public static final int INITIAL_WINDOW = 256 * 1024;

    private static final Set<String> KEYS = Set.of("accept-backlog", "max-concurrent-streams",
            "keepalive-interval", "keepalive-timeout", "stream-close-timeout", "max-frame-size", "connection-write-buffer",
            "window-auto-tuning", "max-stream-window", "session-window-budget", "flood.max-pings-per-second",
            "flood.max-resets-per-second", "flood.max-syns-per-second");

    private static final YamuxConfig DEFAULTS = fromConfig(ConfigFactory.empty());

    private final int acceptBacklog;
    private final int maxConcurrentStreams;
    private final Duration keepaliveInterval;
    private final Duration keepaliveTimeout;
    private final Duration streamCloseTimeout;
    private final int maxFrameSize;
    private final int connectionWriteBuffer;
    private final boolean windowAutoTuning;
    private final int maxStreamWindow;
    private final long sessionWindowBudget;
    private final int maxPingsPerSecond;
    private final int maxResetsPerSecond;
    private final int maxSynsPerSecond;

    private YamuxConfig(Builder b) {
        this.acceptBacklog = requireRange("accept-backlog", b.acceptBacklog, 0, Integer.MAX_VALUE);
        this.maxConcurrentStreams = requireRange("max-concurrent-streams", b.maxConcurrentStreams, 1,
                Integer.MAX_VALUE);
        this.keepaliveInterval = Objects.requireNonNull(b.keepaliveInterval, "keepalive-interval");
        if (keepaliveInterval.isNegative()) {
            throw new IllegalArgumentException("jfrp.mux.keepalive-interval must be >= 0, got " + keepaliveInterval);
        }
        this.keepaliveTimeout = requirePositive("keepalive-timeout", b.keepaliveTimeout);
        this.streamCloseTimeout = requirePositive("stream-close-timeout", b.streamCloseTimeout);
        this.maxFrameSize = requireRange("max-frame-size", b.maxFrameSize, 1, INITIAL_WINDOW);
        this.connectionWriteBuffer = requireRange("connection-write-buffer", b.connectionWriteBuffer, 2,
                1 << 30);
        this.windowAutoTuning = b.windowAutoTuning;
        this.maxStreamWindow = requireRange("max-stream-window", b.maxStreamWindow, INITIAL_WINDOW, 1 << 30);
        if (b.sessionWindowBudget < 0) {
            throw new IllegalArgumentException("jfrp.mux.session-window-budget must be >= 0, got "
                    + b.sessionWindowBudget);
        }
        this.sessionWindowBudget = b.sessionWindowBudget;
        this.maxPingsPerSecond = requireRange("flood.max-pings-per-second", b.maxPingsPerSecond, 1,
                Integer.MAX_VALUE);
        this.maxResetsPerSecond = requireRange("flood.max-resets-per-second", b.maxResetsPerSecond, 1,
                Integer.MAX_VALUE);
        this.maxSynsPerSecond = requireRange("flood.max-syns-per-second", b.maxSynsPerSecond, 1, Integer.MAX_VALUE);
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
        block.entrySet().forEach(e -> {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown key jfrp.mux." + e.getKey()
                        + " in " + e.getValue().origin().description());
            }
        });
        Config c = block.withFallback(ConfigFactory.defaultReference().getConfig("jfrp.mux"));
        try {
            Builder b = new Builder();
            b.acceptBacklog = c.getInt("accept-backlog");
            b.maxConcurrentStreams = c.getInt("max-concurrent-streams");
            b.keepaliveInterval = c.getDuration("keepalive-interval");
            b.keepaliveTimeout = c.getDuration("keepalive-timeout");
            b.streamCloseTimeout = c.getDuration("stream-close-timeout");
            b.maxFrameSize = bytesAsInt(c, "max-frame-size");
            b.connectionWriteBuffer = bytesAsInt(c, "connection-write-buffer");
            b.windowAutoTuning = c.getBoolean("window-auto-tuning");
            b.maxStreamWindow = bytesAsInt(c, "max-stream-window");
            b.sessionWindowBudget = c.getBytes("session-window-budget");
            b.maxPingsPerSecond = c.getInt("flood.max-pings-per-second");
            b.maxResetsPerSecond = c.getInt("flood.max-resets-per-second");
            b.maxSynsPerSecond = c.getInt("flood.max-syns-per-second");
            return new YamuxConfig(b);
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

    private static Duration requirePositive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("jfrp.mux." + key + " must be > 0, got " + value);
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

    /** How long a locally closed stream waits for the peer's FIN before it is reset. */
    public Duration streamCloseTimeout() {
        return streamCloseTimeout;
    }

    /** The largest Data payload this side sends in one frame. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * The high water mark set on the session's connection (the low one is half): frames are
     * written while the connection is below it. Larger means fewer, bigger socket writes; smaller
     * means less queued ahead of an interactive stream's frame.
     */
    public int connectionWriteBuffer() {
        return connectionWriteBuffer;
    }

    public YamuxConfig withConnectionWriteBuffer(int v) {
        return with(b -> b.connectionWriteBuffer = v);
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

    /** Pings per second from the peer before the session ends with a protocol error. */
    public int maxPingsPerSecond() {
        return maxPingsPerSecond;
    }

    /** Stream resets per second from the peer before the session ends with a protocol error. */
    public int maxResetsPerSecond() {
        return maxResetsPerSecond;
    }

    /** New streams per second from the peer before the session ends with a protocol error. */
    public int maxSynsPerSecond() {
        return maxSynsPerSecond;
    }

    public YamuxConfig withAcceptBacklog(int v) {
        return with(b -> b.acceptBacklog = v);
    }

    public YamuxConfig withMaxConcurrentStreams(int v) {
        return with(b -> b.maxConcurrentStreams = v);
    }

    /** Keepalive interval (zero turns it off) and ping timeout. */
    public YamuxConfig withKeepalive(Duration interval, Duration timeout) {
        return with(b -> {
            b.keepaliveInterval = interval;
            b.keepaliveTimeout = timeout;
        });
    }

    public YamuxConfig withStreamCloseTimeout(Duration v) {
        return with(b -> b.streamCloseTimeout = v);
    }

    public YamuxConfig withMaxFrameSize(int v) {
        return with(b -> b.maxFrameSize = v);
    }

    /** Auto-tuning on or off, up to {@code maxWindow}. */
    public YamuxConfig withWindow(boolean autoTuning, int maxWindow) {
        return with(b -> {
            b.windowAutoTuning = autoTuning;
            b.maxStreamWindow = maxWindow;
        });
    }

    public YamuxConfig withSessionWindowBudget(long v) {
        return with(b -> b.sessionWindowBudget = v);
    }

    /** Flood limits per second for pings, resets and SYNs received. */
    public YamuxConfig withFloodLimits(int pings, int resets, int syns) {
        return with(b -> {
            b.maxPingsPerSecond = pings;
            b.maxResetsPerSecond = resets;
            b.maxSynsPerSecond = syns;
        });
    }

    private YamuxConfig with(Consumer<Builder> change) {
        Builder b = new Builder();
        b.acceptBacklog = acceptBacklog;
        b.maxConcurrentStreams = maxConcurrentStreams;
        b.keepaliveInterval = keepaliveInterval;
        b.keepaliveTimeout = keepaliveTimeout;
        b.streamCloseTimeout = streamCloseTimeout;
        b.maxFrameSize = maxFrameSize;
        b.connectionWriteBuffer = connectionWriteBuffer;
        b.windowAutoTuning = windowAutoTuning;
        b.maxStreamWindow = maxStreamWindow;
        b.sessionWindowBudget = sessionWindowBudget;
        b.maxPingsPerSecond = maxPingsPerSecond;
        b.maxResetsPerSecond = maxResetsPerSecond;
        b.maxSynsPerSecond = maxSynsPerSecond;
        change.accept(b);
        return new YamuxConfig(b);
    }

    @Override
    public String toString() {
        return "YamuxConfig{acceptBacklog=" + acceptBacklog + ", maxConcurrentStreams=" + maxConcurrentStreams
                + ", keepalive=" + keepaliveInterval + "/" + keepaliveTimeout + ", streamCloseTimeout="
                + streamCloseTimeout + ", maxFrameSize=" + maxFrameSize + ", connectionWriteBuffer="
                + connectionWriteBuffer + ", autoTuning=" + windowAutoTuning
                + ", maxStreamWindow=" + maxStreamWindow + ", sessionWindowBudget=" + sessionWindowBudget
                + ", flood(pings/resets/syns)=" + maxPingsPerSecond + "/" + maxResetsPerSecond + "/"
                + maxSynsPerSecond + "}";
    }

    /** Mutable holder of every setting, validated by the constructor. */
    private static final class Builder {
        int acceptBacklog;
        int maxConcurrentStreams;
        Duration keepaliveInterval;
        Duration keepaliveTimeout;
        Duration streamCloseTimeout;
        int maxFrameSize;
        int connectionWriteBuffer;
        boolean windowAutoTuning;
        int maxStreamWindow;
        long sessionWindowBudget;
        int maxPingsPerSecond;
        int maxResetsPerSecond;
        int maxSynsPerSecond;
    }
}

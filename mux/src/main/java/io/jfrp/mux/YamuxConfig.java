package io.jfrp.mux;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of a yamux session. Immutable; every value is validated when a config is made, and an
 * error names the setting by its configuration key ({@code jfrp.mux.<key>}, the names the config
 * module's {@code MuxConfigReader} reads from a file).
 *
 * <p>{@link #defaults()} gives the documented defaults (each constant {@code DEFAULT_...} below says
 * what the setting does and why that value); the {@code withXxx} methods derive a copy, and
 * {@link #builder()} makes one from scratch. This module has no configuration-file reader of its
 * own: it depends on Netty only.
 *
 * <h3>What bounds a session's memory</h3>
 * For a peer that is hostile (an unauthenticated client on a public port, say), the settings that
 * bound what it can make the session hold are: {@link #maxInboundStreams()} (open streams it may
 * have; changeable per session at run time with {@link YamuxSession#setMaxInboundStreams}) times
 * the {@link #INITIAL_WINDOW} each of them may fill without being read; {@link #acceptBacklog()}
 * and {@link #sessionWindowBudget()} (which also pays for the initial windows of streams waiting in
 * the backlog); {@link #maxLingeringStreams()} (closed streams remembered until the peer's FIN, a
 * few dozen bytes each); and {@link #maxQueuedControlFrames()} (answers queued for a peer that does
 * not read). Flood limits per second end the session on abuse.
 *
 * <p>Each component's configuration key is in parentheses; {@link #defaults()} and {@link #builder()}
 * are the usual ways to make one (the canonical constructor validates the same way).
 *
 * @param acceptBacklog          unaccepted inbound streams before a SYN gets RST ({@code accept-backlog})
 * @param maxConcurrentStreams   streams open at once in one session, both directions
 *                               ({@code max-concurrent-streams})
 * @param maxInboundStreams      the initial limit on open inbound streams of each session
 *                               ({@code max-inbound-streams}); a SYN beyond it gets RST. Each session may
 *                               change its own at run time
 * @param keepaliveInterval      how often a keepalive ping is sent; zero when keepalive is off
 *                               ({@code keepalive-interval})
 * @param keepaliveTimeout       how long a ping may go unanswered before the session is closed
 *                               ({@code keepalive-timeout})
 * @param streamCloseTimeout     how long a stream closed here (FIN sent, child closed) waits for the peer's
 *                               FIN before it is reset and forgotten ({@code stream-close-timeout}). Streams
 *                               the peer reset or completed are forgotten at once
 * @param maxLingeringStreams    closed streams remembered at once while waiting for the peer's FIN
 *                               ({@code max-lingering-streams})
 * @param maxFrameSize           the largest Data payload this side sends in one frame ({@code max-frame-size})
 * @param connectionWriteBuffer  the high water mark set on the session's connection (the low one is half):
 *                               frames are written while the connection is below it
 *                               ({@code connection-write-buffer}). Larger means fewer, bigger socket writes;
 *                               smaller means less queued ahead of an interactive stream's frame
 * @param windowAutoTuning       whether receive windows grow toward the bandwidth-delay product
 *                               ({@code window-auto-tuning})
 * @param maxStreamWindow        the largest receive window of one stream ({@code max-stream-window})
 * @param sessionWindowBudget    bound on the sum of window growth beyond {@link #INITIAL_WINDOW} over a
 *                               session's streams plus the initial windows of streams waiting in the accept
 *                               backlog ({@code session-window-budget})
 * @param maxPingsPerSecond      pings per second from the peer before the session ends with a protocol
 *                               error ({@code flood.max-pings-per-second})
 * @param maxResetsPerSecond     stream resets per second from the peer before the session ends with a
 *                               protocol error ({@code flood.max-resets-per-second})
 * @param maxSynsPerSecond       new streams per second from the peer before the session ends with a
 *                               protocol error ({@code flood.max-syns-per-second})
 * @param maxQueuedControlFrames answers queued for a peer that does not read before the session ends
 *                               ({@code flood.max-queued-control-frames})
 */
public record YamuxConfig(int acceptBacklog, int maxConcurrentStreams, int maxInboundStreams,
                          Duration keepaliveInterval, Duration keepaliveTimeout, Duration streamCloseTimeout,
                          int maxLingeringStreams, int maxFrameSize, int connectionWriteBuffer,
                          boolean windowAutoTuning, int maxStreamWindow, long sessionWindowBudget,
                          int maxPingsPerSecond, int maxResetsPerSecond, int maxSynsPerSecond,
                          int maxQueuedControlFrames) {
    /** The protocol's fixed initial window in each direction. */
    public static final int INITIAL_WINDOW = 256 * 1024;

    /** Unaccepted inbound streams before a SYN gets RST, as in stock yamux. */
    public static final int DEFAULT_ACCEPT_BACKLOG = 256;
    /**
     * Streams open at once in one session, both directions. Sized for a client that holds 100,000
     * idle public connections.
     */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 131_072;
    /**
     * Initial limit on open inbound streams per session ({@link YamuxSession#setMaxInboundStreams}
     * changes it per session): as many as {@link #DEFAULT_MAX_CONCURRENT_STREAMS}, so by default
     * only that limit applies. A server lowers it for sessions it has not authenticated yet.
     */
    public static final int DEFAULT_MAX_INBOUND_STREAMS = DEFAULT_MAX_CONCURRENT_STREAMS;
    /** A keepalive Ping this often, as in stock yamux; zero turns keepalive off. */
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(30);
    /** A keepalive Ping unanswered this long closes the session, as in stock yamux. */
    public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a stream closed here (FIN sent) is remembered while the peer's FIN has not come, as
     * in stock yamux; then it is reset and forgotten, so a peer that never closes cannot pin it.
     */
    public static final Duration DEFAULT_STREAM_CLOSE_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Closed streams remembered at once while waiting for the peer's FIN; past it the oldest is reset
     * and forgotten. A well-behaved peer answers FIN within a round trip, so a few thousand cover
     * heavy churn, and each costs a few dozen bytes.
     */
    public static final int DEFAULT_MAX_LINGERING_STREAMS = 4096;
    /**
     * Largest Data frame sent. Small frames let the round-robin scheduler interleave streams, so a
     * bulk stream delays an interactive one by at most one frame; 16 KiB is one TLS record.
     */
    public static final int DEFAULT_MAX_FRAME_SIZE = 16 * 1024;
    /**
     * High water mark of the connection (the low one is half). 256 KiB lets one flush carry 16 frames
     * while an interactive frame queues behind at most ~2 ms of a 1 Gbit/s link.
     */
    public static final int DEFAULT_CONNECTION_WRITE_BUFFER = 256 * 1024;
    /** Receive windows grow toward the bandwidth-delay product (consumption rate x ping RTT). */
    public static final boolean DEFAULT_WINDOW_AUTO_TUNING = true;
    /**
     * The largest receive window one stream grows to. Credit returns at half a window, so a stream
     * moves about 3/4 of window/RTT: at 50 ms RTT, 16 MiB carries ~250 MB/s (measured).
     */
    public static final int DEFAULT_MAX_STREAM_WINDOW = 16 * 1024 * 1024;
    /**
     * Bound on the sum of all streams' window growth beyond the initial window in one session, plus
     * the initial windows of streams waiting in the accept backlog (256 of them fill 64 MiB).
     */
    public static final long DEFAULT_SESSION_WINDOW_BUDGET = 64L * 1024 * 1024;
    /** Pings per second from the peer (over a one-second burst) before the session ends. */
    public static final int DEFAULT_MAX_PINGS_PER_SECOND = 100;
    /** Stream resets per second from the peer before the session ends (rapid-reset attacks). */
    public static final int DEFAULT_MAX_RESETS_PER_SECOND = 2000;
    /** New streams per second from the peer before the session ends. */
    public static final int DEFAULT_MAX_SYNS_PER_SECOND = 20_000;
    /**
     * Answers (RST, Ping ACK) queued for a peer that does not read: counted while the connection is
     * not writable, reset when it drains; past it the session ends. As Netty's HTTP/2 default.
     */
    public static final int DEFAULT_MAX_QUEUED_CONTROL_FRAMES = 10_000;

    private static final YamuxConfig DEFAULTS = new Builder().build();

    /** Validates every setting, in the order above, and names the first bad one by its key. */
    public YamuxConfig {
        requireRange("accept-backlog", acceptBacklog, 0, Integer.MAX_VALUE);
        requireRange("max-concurrent-streams", maxConcurrentStreams, 1, Integer.MAX_VALUE);
        requireRange("max-inbound-streams", maxInboundStreams, 0, Integer.MAX_VALUE);
        Objects.requireNonNull(keepaliveInterval, "keepalive-interval");
        if (keepaliveInterval.isNegative()) {
            throw new IllegalArgumentException("jfrp.mux.keepalive-interval must be >= 0, got " + keepaliveInterval);
        }
        requirePositive("keepalive-timeout", keepaliveTimeout);
        requirePositive("stream-close-timeout", streamCloseTimeout);
        requireRange("max-lingering-streams", maxLingeringStreams, 0, Integer.MAX_VALUE);
        requireRange("max-frame-size", maxFrameSize, 1, INITIAL_WINDOW);
        requireRange("connection-write-buffer", connectionWriteBuffer, 2, 1 << 30);
        requireRange("max-stream-window", maxStreamWindow, INITIAL_WINDOW, 1 << 30);
        if (sessionWindowBudget < 0) {
            throw new IllegalArgumentException("jfrp.mux.session-window-budget must be >= 0, got "
                    + sessionWindowBudget);
        }
        requireRange("flood.max-pings-per-second", maxPingsPerSecond, 1, Integer.MAX_VALUE);
        requireRange("flood.max-resets-per-second", maxResetsPerSecond, 1, Integer.MAX_VALUE);
        requireRange("flood.max-syns-per-second", maxSynsPerSecond, 1, Integer.MAX_VALUE);
        requireRange("flood.max-queued-control-frames", maxQueuedControlFrames, 1, Integer.MAX_VALUE);
    }

    /** The documented defaults (the {@code DEFAULT_...} constants). */
    public static YamuxConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("jfrp.mux." + key + " must be in [" + min + ", " + max
                    + "], got " + value);
        }
    }

    private static void requirePositive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("jfrp.mux." + key + " must be > 0, got " + value);
        }
    }

    public YamuxConfig withConnectionWriteBuffer(int v) {
        return with(b -> b.connectionWriteBuffer = v);
    }

    public YamuxConfig withAcceptBacklog(int v) {
        return with(b -> b.acceptBacklog = v);
    }

    public YamuxConfig withMaxConcurrentStreams(int v) {
        return with(b -> b.maxConcurrentStreams = v);
    }

    public YamuxConfig withMaxInboundStreams(int v) {
        return with(b -> b.maxInboundStreams = v);
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

    public YamuxConfig withMaxLingeringStreams(int v) {
        return with(b -> b.maxLingeringStreams = v);
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

    public YamuxConfig withMaxQueuedControlFrames(int v) {
        return with(b -> b.maxQueuedControlFrames = v);
    }

    private YamuxConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /**
     * Every setting, starting from the defaults; {@link #build()} validates them all, in the order of
     * the settings above, and names the first bad one. Not thread-safe.
     */
    public static final class Builder {
        private int acceptBacklog = DEFAULT_ACCEPT_BACKLOG;
        private int maxConcurrentStreams = DEFAULT_MAX_CONCURRENT_STREAMS;
        private int maxInboundStreams = DEFAULT_MAX_INBOUND_STREAMS;
        private Duration keepaliveInterval = DEFAULT_KEEPALIVE_INTERVAL;
        private Duration keepaliveTimeout = DEFAULT_KEEPALIVE_TIMEOUT;
        private Duration streamCloseTimeout = DEFAULT_STREAM_CLOSE_TIMEOUT;
        private int maxLingeringStreams = DEFAULT_MAX_LINGERING_STREAMS;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int connectionWriteBuffer = DEFAULT_CONNECTION_WRITE_BUFFER;
        private boolean windowAutoTuning = DEFAULT_WINDOW_AUTO_TUNING;
        private int maxStreamWindow = DEFAULT_MAX_STREAM_WINDOW;
        private long sessionWindowBudget = DEFAULT_SESSION_WINDOW_BUDGET;
        private int maxPingsPerSecond = DEFAULT_MAX_PINGS_PER_SECOND;
        private int maxResetsPerSecond = DEFAULT_MAX_RESETS_PER_SECOND;
        private int maxSynsPerSecond = DEFAULT_MAX_SYNS_PER_SECOND;
        private int maxQueuedControlFrames = DEFAULT_MAX_QUEUED_CONTROL_FRAMES;

        private Builder() {
        }

        private Builder(YamuxConfig c) {
            acceptBacklog = c.acceptBacklog;
            maxConcurrentStreams = c.maxConcurrentStreams;
            maxInboundStreams = c.maxInboundStreams;
            keepaliveInterval = c.keepaliveInterval;
            keepaliveTimeout = c.keepaliveTimeout;
            streamCloseTimeout = c.streamCloseTimeout;
            maxLingeringStreams = c.maxLingeringStreams;
            maxFrameSize = c.maxFrameSize;
            connectionWriteBuffer = c.connectionWriteBuffer;
            windowAutoTuning = c.windowAutoTuning;
            maxStreamWindow = c.maxStreamWindow;
            sessionWindowBudget = c.sessionWindowBudget;
            maxPingsPerSecond = c.maxPingsPerSecond;
            maxResetsPerSecond = c.maxResetsPerSecond;
            maxSynsPerSecond = c.maxSynsPerSecond;
            maxQueuedControlFrames = c.maxQueuedControlFrames;
        }

        public Builder acceptBacklog(int v) {
            acceptBacklog = v;
            return this;
        }

        public Builder maxConcurrentStreams(int v) {
            maxConcurrentStreams = v;
            return this;
        }

        public Builder maxInboundStreams(int v) {
            maxInboundStreams = v;
            return this;
        }

        public Builder keepaliveInterval(Duration v) {
            keepaliveInterval = v;
            return this;
        }

        public Builder keepaliveTimeout(Duration v) {
            keepaliveTimeout = v;
            return this;
        }

        public Builder streamCloseTimeout(Duration v) {
            streamCloseTimeout = v;
            return this;
        }

        public Builder maxLingeringStreams(int v) {
            maxLingeringStreams = v;
            return this;
        }

        public Builder maxFrameSize(int v) {
            maxFrameSize = v;
            return this;
        }

        public Builder connectionWriteBuffer(int v) {
            connectionWriteBuffer = v;
            return this;
        }

        public Builder windowAutoTuning(boolean v) {
            windowAutoTuning = v;
            return this;
        }

        public Builder maxStreamWindow(int v) {
            maxStreamWindow = v;
            return this;
        }

        public Builder sessionWindowBudget(long v) {
            sessionWindowBudget = v;
            return this;
        }

        public Builder maxPingsPerSecond(int v) {
            maxPingsPerSecond = v;
            return this;
        }

        public Builder maxResetsPerSecond(int v) {
            maxResetsPerSecond = v;
            return this;
        }

        public Builder maxSynsPerSecond(int v) {
            maxSynsPerSecond = v;
            return this;
        }

        public Builder maxQueuedControlFrames(int v) {
            maxQueuedControlFrames = v;
            return this;
        }

        /** The config; an {@link IllegalArgumentException} names the first setting out of its range. */
        public YamuxConfig build() {
            return new YamuxConfig(acceptBacklog, maxConcurrentStreams, maxInboundStreams, keepaliveInterval,
                    keepaliveTimeout, streamCloseTimeout, maxLingeringStreams, maxFrameSize, connectionWriteBuffer,
                    windowAutoTuning, maxStreamWindow, sessionWindowBudget, maxPingsPerSecond, maxResetsPerSecond,
                    maxSynsPerSecond, maxQueuedControlFrames);
        }
    }
}

package io.jfrp.mux;

import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;

/**
 * Test support, the base of the tests that drive one session against a scripted peer: the session
 * runs on an {@link EmbeddedChannel} (frames written inbound, time moved by the test), which is
 * finished, with everything still queued released, after each test.
 */
abstract class EmbeddedSessionFixture {
    /** The channel the session runs on; null until {@link #startSession}. */
    EmbeddedChannel ch;
    YamuxSession session;

    /** Runs a new session with these arguments on a new EmbeddedChannel; returns the channel. */
    EmbeddedChannel startSession(YamuxRole role, YamuxConfig config, ChannelHandler inboundStreamHandler) {
        session = new YamuxSession(role, config, inboundStreamHandler);
        ch = new EmbeddedChannel(session);
        return ch;
    }

    @AfterEach
    void finishChannel() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }
}

package io.jfrp.protocol.relay;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.AttributeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading as the sum of its reasons to pause, and no attribute left on a channel that reads freely. */
class ReadGateTest {
    /** ReadGate's own key (AttributeKey.valueOf gives the existing constant for a name). */
    private static final AttributeKey<Object> PAUSED = AttributeKey.valueOf(ReadGate.class, "paused");

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void readingResumesOnlyWhenEveryReasonIsLifted() {
        ReadGate.pause(channel, ReadGate.Reason.RELAY);
        ReadGate.pause(channel, ReadGate.Reason.BANDWIDTH);

        ReadGate.resume(channel, ReadGate.Reason.RELAY);
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(ReadGate.isPaused(channel, ReadGate.Reason.RELAY)).isFalse();
        assertThat(ReadGate.isPaused(channel, ReadGate.Reason.BANDWIDTH)).isTrue();

        ReadGate.resume(channel, ReadGate.Reason.BANDWIDTH);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(ReadGate.isPaused(channel, ReadGate.Reason.BANDWIDTH)).isFalse();
    }

    @Test
    void aChannelReadingFreelyCarriesNoAttribute() {
        assertThat(ReadGate.isPaused(channel, ReadGate.Reason.HANDLER)).isFalse();
        assertThat(channel.hasAttr(PAUSED)).as("asking does not create it").isFalse();

        ReadGate.pause(channel, ReadGate.Reason.HANDLER);
        assertThat(channel.hasAttr(PAUSED)).isTrue();
        ReadGate.resume(channel, ReadGate.Reason.HANDLER);
        assertThat(channel.hasAttr(PAUSED)).isFalse();

        ReadGate.resume(channel, ReadGate.Reason.RELAY); // nothing held: still nothing kept
        assertThat(channel.hasAttr(PAUSED)).isFalse();
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}

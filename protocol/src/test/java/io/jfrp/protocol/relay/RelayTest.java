package io.jfrp.protocol.relay;

import io.jfrp.testkit.EmbeddedBytes;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.jfrp.testkit.EmbeddedBytes.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The relay between a public connection and a work connection: bytes, held bytes, half-close, close, backpressure. */
class RelayTest {
    private final EmbeddedDuplexChannel a = new EmbeddedDuplexChannel();
    private final EmbeddedDuplexChannel b = new EmbeddedDuplexChannel();

    @AfterEach
    void tearDown() {
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }

    private void runTasks() {
        for (int i = 0; i < 3; i++) {
            a.runPendingTasks();
            b.runPendingTasks();
        }
    }

    @Test
    void bytesGoBothWaysUnchanged() {
        Relay.join(a, b);
        runTasks();

        a.writeInbound(text("to b"));
        b.writeInbound(text("to a"));

        assertThat(EmbeddedBytes.outboundText(b)).isEqualTo("to b");
        assertThat(EmbeddedBytes.outboundText(a)).isEqualTo("to a");
        assertThat(a.config().isAutoRead()).isTrue();
    }

    @Test
    void whatArrivedWhileHeldGoesFirstInOrderThenReadingStarts() {
        Relay.holdUntilJoined(a);
        assertThat(a.config().isAutoRead()).isFalse();
        a.writeInbound(text("first "));
        a.writeInbound(text("second "));

        Relay.join(a, b);
        runTasks();
        a.writeInbound(text("third"));

        assertThat(EmbeddedBytes.outboundText(b)).isEqualTo("first second third");
        assertThat(a.config().isAutoRead()).isTrue();
    }

    @Test
    void aFinFromOneSideBecomesAFinOnTheOtherWhileTheOppositeDirectionCarriesOn() {
        Relay.join(a, b);
        runTasks();

        a.writeInbound(text("request"));
        a.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        runTasks();

        assertThat(EmbeddedBytes.outboundText(b)).isEqualTo("request");
        assertThat(b.isOutputShutdown()).isTrue();
        assertThat(a.isOpen()).isTrue();
        b.writeInbound(text("answer after the FIN"));
        assertThat(EmbeddedBytes.outboundText(a)).isEqualTo("answer after the FIN");

        b.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        runTasks();
        assertThat(a.isOutputShutdown()).isTrue();
        assertThat(a.isOpen()).as("both directions ended: closed").isFalse();
        assertThat(b.isOpen()).isFalse();
    }

    @Test
    void aSideClosedOutrightClosesTheOther() {
        Relay.join(a, b);
        runTasks();

        a.close();
        runTasks();

        assertThat(b.isOpen()).isFalse();
    }

    @Test
    void aSideThatCannotTakeMoreStopsTheOtherFromReadingUntilItDrains() {
        Relay.join(a, b);
        runTasks();

        b.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        a.writeInbound(text("more than b can take"));
        assertThat(a.config().isAutoRead()).as("a stops reading").isFalse();

        b.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        runTasks();
        assertThat(a.config().isAutoRead()).as("a reads again once b drained").isTrue();
        assertThat(EmbeddedBytes.outboundText(b)).isEqualTo("more than b can take");
    }
}

package io.jfrp.mux;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.jfrp.mux.WireFrames.ping;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.RST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameOutputTest {
    EmbeddedChannel ch;
    ChannelHandlerContext ctx;
    SessionMetrics metrics;
    FrameOutput output;

    /** Flushes that reached the connection's end of the pipeline. */
    int flushes;

    @BeforeEach
    void setUp() {
        ch = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext c) {
                flushes++;
                c.flush();
            }
        }, new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext c) {
                ctx = c;
            }
        });
        metrics = new SessionMetrics(ch.eventLoop(), () -> SessionStats.EMPTY);
        output = new FrameOutput(ctx, YamuxConfig.defaults().withMaxQueuedControlFrames(3), metrics);
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    void setWritable(boolean writable) {
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, writable);
        output.onWritabilityChanged(writable);
    }

    @Test
    void writesOutsideAReadFlushOnceTheLoopHasHandledItsEventsAndInsideOneAtItsEnd() {
        output.writeControl(YamuxFrameType.WINDOW_UPDATE, 0, 1, 100);
        output.flushIfNeeded();
        assertThat(ch.outboundMessages()).as("queued as a task on the loop").isEmpty();
        ch.runPendingTasks();
        assertThat(flushes).isEqualTo(1);
        assertThat(written(ch)).containsExactly(windowUpdate(0, 1, 100));

        output.beginReadBatch();
        assertThat(output.inReadBatch()).isTrue();
        output.writeControl(YamuxFrameType.WINDOW_UPDATE, RST, 3, 0);
        output.flushIfNeeded();
        ch.runPendingTasks();
        assertThat(ch.outboundMessages()).as("held until the read ends").isEmpty();
        output.endReadBatch();
        output.flushIfNeeded();
        assertThat(written(ch)).containsExactly(windowUpdate(RST, 3, 0));
        assertThat(flushes).isEqualTo(2);
    }

    @Test
    void asksBeforeTheQueuedFlushRunsAddNone() {
        output.writeControl(YamuxFrameType.WINDOW_UPDATE, 0, 1, 100);
        output.flushIfNeeded();
        output.flushIfNeeded();
        output.flushIfNeeded();
        ch.runPendingTasks();
        assertThat(flushes).isEqualTo(1);
        ch.runPendingTasks();
        assertThat(flushes).as("nothing more written, nothing more flushed").isEqualTo(1);
        assertThat(written(ch)).containsExactly(windowUpdate(0, 1, 100));
    }

    @Test
    void aFlushQueuedBeforeAReadStillFlushesWhatTheReadWrote() {
        output.writeControl(YamuxFrameType.WINDOW_UPDATE, 0, 1, 100);
        output.flushIfNeeded();
        output.beginReadBatch();
        output.writeControl(YamuxFrameType.WINDOW_UPDATE, 0, 3, 100);
        output.endReadBatch();
        output.flushIfNeeded();
        ch.runPendingTasks();
        assertThat(flushes).isEqualTo(1);
        assertThat(written(ch)).containsExactly(windowUpdate(0, 1, 100), windowUpdate(0, 3, 100));
    }

    @Test
    void answersAreCountedOnlyWhileTheConnectionIsNotWritable() throws Exception {
        for (int i = 0; i < 10; i++) {
            output.writeAnswer(YamuxFrameType.PING, ACK, 0, i);
        }
        setWritable(false);
        for (int i = 0; i < 3; i++) {
            output.writeAnswer(YamuxFrameType.PING, ACK, 0, i);
        }
        assertThatThrownBy(() -> output.writeAnswer(YamuxFrameType.PING, ACK, 0, 99))
                .isInstanceOf(YamuxException.class)
                .hasMessage("flood of answers the peer does not read: more than 3 RST and Ping ACK frames queued");
        assertThat(metrics.controlFrameFloods).isEqualTo(1);
        output.flushIfNeeded();
        assertThat(written(ch)).hasSize(13).last().isEqualTo(ping(ACK, 2));
    }

    @Test
    void theCountRestartsWhenTheConnectionDrains() throws Exception {
        for (int round = 0; round < 4; round++) {
            setWritable(false);
            for (int i = 0; i < 3; i++) {
                output.writeAnswer(YamuxFrameType.WINDOW_UPDATE, RST, 2 * i + 1, 0);
            }
            setWritable(true);
        }
        assertThat(metrics.controlFrameFloods).isZero();
        output.flushIfNeeded();
        assertThat(written(ch)).hasSize(12);
    }

    @Test
    void nothingIsWrittenOnceStopped() {
        output.stop();
        output.writeControl(YamuxFrameType.WINDOW_UPDATE, 0, 1, 100);
        output.flushIfNeeded();
        assertThat(written(ch)).isEmpty();
    }
}

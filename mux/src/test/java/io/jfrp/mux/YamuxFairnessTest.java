package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jfrp.mux.WireFrames.bytes;
import static io.jfrp.mux.WireFrames.written;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send scheduler against a parent that, like a busy socket, turns unwritable after each frame
 * and writable again when the test drains it: an interactive stream waits behind at most one frame
 * of a bulk stream.
 */
class YamuxFairnessTest {
    EmbeddedChannel ch;

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    /** Marks the parent unwritable once a whole frame's worth of bytes has been written. */
    static final class OneFrameAtATime extends ChannelOutboundHandlerAdapter {
        long written;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written += ((ByteBuf) msg).readableBytes();
            ctx.write(msg, promise);
            if (written >= 12 + 16384) {
                ctx.channel().unsafe().outboundBuffer().setUserDefinedWritability(1, false);
            }
        }

        void release(EmbeddedChannel ch) {
            written = 0;
            ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
            ch.pipeline().fireChannelWritabilityChanged();
        }
    }

    @Test
    void interactiveStreamWaitsAtMostOneBulkFrame() {
        OneFrameAtATime gate = new OneFrameAtATime();
        YamuxSession session = new YamuxSession(YamuxRole.CLIENT, YamuxSessionTest.QUIET, null);
        ch = new EmbeddedChannel(gate, session);
        YamuxStreamChannel bulk = session.openStream(new RecordingHandler()).getNow();
        YamuxStreamChannel interactive = session.openStream(new RecordingHandler()).getNow();
        gate.release(ch);
        written(ch);
        bulk.writeAndFlush(Unpooled.wrappedBuffer(bytes(10 * 16384, 1)));
        assertThat(written(ch)).extracting(Frame::streamId).containsExactly(1);

        interactive.writeAndFlush(Unpooled.wrappedBuffer("ls -l\n".getBytes()));
        gate.release(ch);
        List<Frame> next = written(ch);
        gate.release(ch);
        next.addAll(written(ch));
        // Exactly one bulk frame (already queued when the interactive write came) goes first.
        assertThat(next).extracting(Frame::streamId).startsWith(1, 3);
        assertThat(next.get(1).payload()).isEqualTo("ls -l\n".getBytes());
        // The bulk stream then has the parent to itself, one frame per turn, until its 10 frames are out.
        int bulkFrames = 1 + (int) next.stream().filter(f -> f.streamId() == 1).count();
        for (int i = 0; i < 20 && bulkFrames < 10; i++) {
            gate.release(ch);
            List<Frame> frames = written(ch);
            assertThat(frames).extracting(Frame::streamId).containsOnly(1);
            bulkFrames += frames.size();
        }
        assertThat(bulkFrames).isEqualTo(10);
        gate.release(ch);
        assertThat(written(ch)).isEmpty();
    }
}

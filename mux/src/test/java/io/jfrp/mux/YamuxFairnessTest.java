package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
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
        // Room for two frames below the mark: a stream alone may send up to that in one frame.
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16384, 32768));
        YamuxStreamChannel bulk = session.openStream(new RecordingHandler()).getNow();
        YamuxStreamChannel interactive = session.openStream(new RecordingHandler()).getNow();
        gate.release(ch);
        written(ch);
        bulk.writeAndFlush(Unpooled.wrappedBuffer(bytes(10 * 16384, 1)));
        List<Frame> first = written(ch);
        assertThat(first).extracting(Frame::streamId).containsExactly(1);

        interactive.writeAndFlush(Unpooled.wrappedBuffer("ls -l\n".getBytes()));
        gate.release(ch);
        List<Frame> next = written(ch);
        gate.release(ch);
        next.addAll(written(ch));
        // Exactly one bulk frame (already queued when the interactive write came) goes first, and
        // with another stream waiting it is cut at the frame cap.
        assertThat(next).extracting(Frame::streamId).startsWith(1, 3);
        assertThat(next.get(0).length()).isEqualTo(YamuxConfig.DEFAULT_MAX_FRAME_SIZE);
        assertThat(next.get(1).payload()).isEqualTo("ls -l\n".getBytes());
        // The bulk stream then has the parent to itself, one frame per turn, until all of it is out.
        long bulkBytes = first.get(0).length() + next.stream().filter(f -> f.streamId() == 1).mapToLong(Frame::length).sum();
        for (int i = 0; i < 20 && bulkBytes < 10 * 16384; i++) {
            gate.release(ch);
            List<Frame> frames = written(ch);
            assertThat(frames).extracting(Frame::streamId).containsOnly(1);
            bulkBytes += frames.stream().mapToLong(Frame::length).sum();
        }
        assertThat(bulkBytes).isEqualTo(10 * 16384);
        gate.release(ch);
        assertThat(written(ch)).isEmpty();
    }
}

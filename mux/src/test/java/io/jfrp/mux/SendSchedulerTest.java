package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.jfrp.mux.WireFrames.bytes;
import static io.jfrp.mux.WireFrames.data;
import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.FIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The send scheduler, through a session on an EmbeddedChannel: frame sizes, FIN order, writability. */
class SendSchedulerTest extends EmbeddedSessionFixture {
    static final int W = YamuxConfig.INITIAL_WINDOW;

    YamuxStreamChannel open(YamuxConfig config) {
        startSession(YamuxRole.CLIENT, config, null);
        YamuxStreamChannel s = session.openStream(new RecordingHandler()).getNow();
        written(ch);
        return s;
    }

    @Test
    void framesAreCutAtTheFrameCapAndTheSendWindow() {
        YamuxStreamChannel s = open(YamuxSessionTest.QUIET.withMaxFrameSize(1000));
        byte[] payload = bytes(2500, 1);
        s.writeAndFlush(Unpooled.wrappedBuffer(payload));
        assertThat(written(ch)).containsExactly(data(0, 1, Arrays.copyOfRange(payload, 0, 1000)),
                data(0, 1, Arrays.copyOfRange(payload, 1000, 2000)), data(0, 1, Arrays.copyOfRange(payload, 2000, 2500)));
        assertThat(s.sendWindow()).isEqualTo(W - 2500);
    }

    @Test
    void finWaitsBehindDataTheWindowHolds() {
        YamuxStreamChannel s = open(YamuxSessionTest.QUIET);
        byte[] payload = bytes(W + 10, 2);
        s.write(Unpooled.wrappedBuffer(payload));
        ChannelFuture fin = s.shutdownOutput();
        List<Frame> frames = written(ch);
        assertThat(frames.stream().mapToLong(Frame::length).sum()).isEqualTo(W);
        assertThat(frames).noneMatch(f -> (f.flags() & FIN) != 0);
        assertThat(fin.isDone()).isFalse();
        assertThat(s.state()).isEqualTo(YamuxStreamState.OPEN);
        deliver(ch, windowUpdate(ACK, 1, 100));
        assertThat(written(ch)).containsExactly(data(0, 1, Arrays.copyOfRange(payload, W, W + 10)),
                windowUpdate(FIN, 1, 0));
        assertThat(fin.isSuccess()).isTrue();
        assertThat(s.state()).isEqualTo(YamuxStreamState.HALF_CLOSED_LOCAL);
    }

    @Test
    void nothingIsWrittenWhileTheConnectionIsNotWritable() {
        YamuxStreamChannel s = open(YamuxSessionTest.QUIET);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        s.writeAndFlush(Unpooled.wrappedBuffer("wait".getBytes()));
        assertThat(written(ch)).isEmpty();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.pipeline().fireChannelWritabilityChanged();
        assertThat(written(ch)).containsExactly(data(0, 1, "wait".getBytes()));
    }

    @Test
    void queuedDataIsDroppedWhenTheSessionCloses() {
        YamuxStreamChannel s = open(YamuxSessionTest.QUIET);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        ChannelFuture write = s.writeAndFlush(Unpooled.wrappedBuffer("never".getBytes()));
        session.close();
        assertThat(written(ch)).containsExactly(WireFrames.goAway(0));
        assertThat(ch.isOpen()).isFalse();
        assertThat(write.isDone() && !write.isSuccess()).isTrue();
    }
}

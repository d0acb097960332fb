package io.jfrp.mux;

import io.jfrp.mux.WireFrames.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.WriteBufferWaterMark;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
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

/**
 * The send scheduler, through a session on an EmbeddedChannel: frame sizes (capped while streams
 * share the connection, larger for a stream alone), FIN order, writability.
 */
class SendSchedulerTest extends EmbeddedSessionFixture {
    static final int W = YamuxConfig.INITIAL_WINDOW;

    YamuxStreamChannel open(YamuxConfig config) {
        startSession(YamuxRole.CLIENT, config, null);
        YamuxStreamChannel s = session.openStream(new RecordingHandler()).getNow();
        written(ch);
        return s;
    }

    @Test
    void framesAreCutAtTheFrameCapWhileAnotherStreamWaits() {
        YamuxStreamChannel s = open(YamuxSessionTest.QUIET.withMaxFrameSize(1000));
        YamuxStreamChannel other = session.openStream(new RecordingHandler()).getNow();
        written(ch);
        byte[] payload = bytes(2500, 1);
        byte[] otherPayload = bytes(1500, 2);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        s.writeAndFlush(Unpooled.wrappedBuffer(payload));
        other.writeAndFlush(Unpooled.wrappedBuffer(otherPayload));
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.pipeline().fireChannelWritabilityChanged();
        // Turns alternate one capped frame each; once the other stream is done, the last of the
        // first stream's bytes go alone (in one frame, here within the cap anyway).
        assertThat(written(ch)).containsExactly(data(0, 1, Arrays.copyOfRange(payload, 0, 1000)),
                data(0, 3, Arrays.copyOfRange(otherPayload, 0, 1000)),
                data(0, 1, Arrays.copyOfRange(payload, 1000, 2000)),
                data(0, 3, Arrays.copyOfRange(otherPayload, 1000, 1500)),
                data(0, 1, Arrays.copyOfRange(payload, 2000, 2500)));
        assertThat(s.sendWindow()).isEqualTo(W - 2500);
    }

    @Test
    void aStreamAloneSendsFramesUpToTheRoomBelowTheWaterMark() {
        YamuxStreamChannel s = open(YamuxSessionTest.QUIET.withMaxFrameSize(1000));
        int high = 16 * 1024;
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
        byte[] payload = bytes(3 * high, 3);
        s.writeAndFlush(Unpooled.wrappedBuffer(payload));
        List<Frame> frames = written(ch);
        assertThat(frames).allMatch(f -> f.streamId() == 1 && f.type() == 0);
        assertThat(frames.get(0).length()).isGreaterThan(1000);
        assertThat(frames).allMatch(f -> f.length() <= high);
        ByteArrayOutputStream carried = new ByteArrayOutputStream();
        frames.forEach(f -> carried.writeBytes(f.payload()));
        assertThat(carried.toByteArray()).isEqualTo(payload);
        assertThat(s.sendWindow()).isEqualTo(W - payload.length);
    }

    @Test
    void aStreamAloneIsStillCutAtItsSendWindow() {
        YamuxStreamChannel s = open(YamuxSessionTest.QUIET.withMaxFrameSize(1000));
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(W, 2 * W));
        byte[] payload = bytes(W + 10, 4);
        s.writeAndFlush(Unpooled.wrappedBuffer(payload));
        assertThat(written(ch)).containsExactly(data(0, 1, Arrays.copyOfRange(payload, 0, W)));
        assertThat(s.sendWindow()).isZero();
        deliver(ch, windowUpdate(ACK, 1, 100));
        assertThat(written(ch)).containsExactly(data(0, 1, Arrays.copyOfRange(payload, W, W + 10)));
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

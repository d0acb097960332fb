package io.jfrp.mux;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import static io.jfrp.mux.WireFrames.data;
import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.mux.YamuxFlags.RST;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames whose stream changes under them (its child closes while the frame is handled), and frames
 * for streams that are gone, through a session on an EmbeddedChannel.
 */
class FrameDispatcherTest extends EmbeddedSessionFixture {
    void start(ChannelHandler handler) {
        startSession(YamuxRole.SERVER, YamuxSessionTest.QUIET, handler);
    }

    @Test
    void dataForAStreamWhoseChildClosedWhileOpeningIsAnsweredWithRst() {
        start(new YamuxSessionBoundsTest.CloseAtOnce());
        deliver(ch, data(SYN, 1, "hello".getBytes()));
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0), windowUpdate(FIN, 1, 0),
                windowUpdate(RST, 1, 0));
        assertThat(session.stats().trackedStreams()).isZero();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void aFinThatArrivesWithDataTheChildClosesOnEndsTheStreamQuietly() {
        start(new CloseOnFirstRead());
        // Outside a read batch (no channelReadComplete yet), the payload reaches the child at once.
        ch.pipeline().fireChannelRead(WireFrames.encode(data(SYN | FIN, 1, "bye".getBytes())));
        ch.pipeline().fireChannelReadComplete();
        assertThat(written(ch)).containsExactly(windowUpdate(ACK, 1, 0), windowUpdate(FIN, 1, 0));
        assertThat(session.stats().trackedStreams()).isZero();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void framesForStreamsThatAreGoneAreDroppedAndFlagsIgnored() {
        start(new RecordingHandler());
        deliver(ch, windowUpdate(SYN, 1, 0), windowUpdate(RST, 1, 0));
        written(ch);
        deliver(ch, data(0, 1, "late".getBytes()), windowUpdate(FIN, 1, 0), windowUpdate(ACK, 1, 5),
                windowUpdate(RST, 1, 0));
        assertThat(written(ch)).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    /** Closes its stream on the first bytes it reads. */
    @ChannelHandler.Sharable
    static final class CloseOnFirstRead extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }
}

package io.jfrp.mux;

import io.netty.channel.ChannelInitializer;
import org.junit.jupiter.api.Test;

import static io.jfrp.mux.WireFrames.bytes;
import static io.jfrp.mux.WireFrames.data;
import static io.jfrp.mux.WireFrames.deliver;
import static io.jfrp.mux.WireFrames.windowUpdate;
import static io.jfrp.mux.WireFrames.written;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.mux.YamuxFlags.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** Receive credit, through a session on an EmbeddedChannel with a child that reads when told to. */
class ReceiveFlowControllerTest extends EmbeddedSessionFixture {
    static final int W = YamuxConfig.INITIAL_WINDOW;
    final RecordingHandler child = new RecordingHandler();

    YamuxStreamChannel acceptNotReading() {
        startSession(YamuxRole.SERVER, YamuxSessionTest.QUIET, new ChannelInitializer<YamuxStreamChannel>() {
            @Override
            protected void initChannel(YamuxStreamChannel c) {
                c.config().setAutoRead(false);
                c.pipeline().addLast(child);
            }
        });
        deliver(ch, windowUpdate(SYN, 1, 0));
        written(ch);
        return child.channel();
    }

    @Test
    void creditGoesBackOnceHalfTheWindowIsRead() {
        YamuxStreamChannel s = acceptNotReading();
        deliver(ch, data(0, 1, bytes(W / 2 - 1, 1)));
        s.read();
        assertThat(written(ch)).as("less than half the window read").isEmpty();
        deliver(ch, data(0, 1, new byte[1]));
        assertThat(session.stats().unreadBytes()).isEqualTo(1);
        s.read();
        assertThat(written(ch)).containsExactly(windowUpdate(0, 1, W / 2));
        assertThat(session.stats().unreadBytes()).isZero();
        assertThat(s.receiveWindow()).isEqualTo(W);
    }

    @Test
    void unreadBytesAreCountedUntilReadOrDropped() {
        YamuxStreamChannel s = acceptNotReading();
        deliver(ch, data(0, 1, bytes(5000, 2)), data(0, 1, bytes(3000, 3)));
        assertThat(session.stats().unreadBytes()).isEqualTo(8000);
        assertThat(s.queuedInboundBytes()).isEqualTo(8000);
        s.close(); // unread data dropped: RST
        assertThat(session.stats().unreadBytes()).isZero();
    }

    @Test
    void noCreditIsReturnedAfterThePeersFin() {
        YamuxStreamChannel s = acceptNotReading();
        deliver(ch, data(FIN, 1, bytes(W, 4)));
        s.read();
        assertThat(child.received.size()).isEqualTo(W);
        assertThat(written(ch)).as("the peer sends no more: no WindowUpdate").isEmpty();
    }
}

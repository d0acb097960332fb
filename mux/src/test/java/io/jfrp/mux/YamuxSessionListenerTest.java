package io.jfrp.mux;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session's listener hears every stream open and close once, and a sender running out of window. */
class YamuxSessionListenerTest {
    @RegisterExtension
    private final SessionPair pair = SessionPair.local();

    /** Counts what it is told. */
    static final class Counting implements YamuxSessionListener {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger stalls = new AtomicInteger();

        @Override
        public void streamOpened() {
            opened.incrementAndGet();
        }

        @Override
        public void streamClosed() {
            closed.incrementAndGet();
        }

        @Override
        public void windowStalled() {
            stalls.incrementAndGet();
        }
    }

    /** A server stream that never reads: what the client sends fills the stream's window. */
    static final class NotReading extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(false);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    private YamuxSession connect(Counting serverEvents, Counting clientEvents, boolean serverReads) throws Exception {
        return pair.connect(() -> new YamuxSession(YamuxRole.SERVER, YamuxConfig.defaults(),
                        serverReads ? new StreamEchoHandler() : new NotReading()).listener(serverEvents),
                new YamuxSession(YamuxRole.CLIENT, YamuxConfig.defaults(), null).listener(clientEvents));
    }

    @Test
    void everyStreamIsOpenedAndClosedOnceOnBothSides() throws Exception {
        Counting serverEvents = new Counting();
        Counting clientEvents = new Counting();
        YamuxSession session = connect(serverEvents, clientEvents, true);
        List<HashingStreamClient> streams = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HashingStreamClient h = new HashingStreamClient(10_000, i, true);
            streams.add(h);
            session.openStream(h);
        }
        for (HashingStreamClient h : streams) {
            assertThat(h.result.get(20, TimeUnit.SECONDS)).isEqualTo(h.sentSha256);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(clientEvents.opened).hasValue(5);
            assertThat(serverEvents.opened).hasValue(5);
            assertThat(clientEvents.closed).hasValue(5);
            assertThat(serverEvents.closed).hasValue(5);
        });
        // A stream still open when its session ends is closed then, and counted once.
        session.openStream(new ChannelInboundHandlerAdapter()).sync();
        await().atMost(Duration.ofSeconds(10)).until(() -> serverEvents.opened.get() == 6);
        pair.clientChannel().close().sync();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(clientEvents.closed).hasValue(6);
            assertThat(serverEvents.closed).hasValue(6);
        });
        assertThat(clientEvents.stalls).hasValue(0);
    }

    @Test
    void aSenderThatRunsOutOfWindowIsAStall() throws Exception {
        Counting clientEvents = new Counting();
        YamuxSession session = connect(new Counting(), clientEvents, false);
        YamuxStreamChannel stream = session.openStream(new ChannelInboundHandlerAdapter()).sync().getNow();
        // More than the initial 256 KiB window, which the server never grants again.
        stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[YamuxConfig.INITIAL_WINDOW + 64 * 1024]));
        await().atMost(Duration.ofSeconds(10)).until(() -> clientEvents.stalls.get() == 1);
        assertThat(stream.eventLoop().submit(stream::sendWindow).get()).isZero();
    }
}

package io.jfrp.protocol.limit;

import io.jfrp.testkit.EmbeddedBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter on an {@link EmbeddedChannel} whose clock the test moves, with the bucket on the same
 * clock: how many bytes pass by when, in both directions, in order, with reading held and the
 * channel unwritable while bytes wait.
 */
class BandwidthLimitHandlerTest {
    private static final int RATE = 10_000;

    private final AtomicLong now = new AtomicLong();
    private EmbeddedChannel ch;
    private TokenBucket bucket;

    private EmbeddedChannel channel() {
        ch = new EmbeddedChannel();
        ch.freezeTime();
        now.set(System.nanoTime());
        bucket = new TokenBucket(RATE, now::get);
        // User events join the messages in the channel's inbound queue, so that it holds what arrived in order.
        ch.pipeline().addLast(new BandwidthLimitHandler(bucket), new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                ctx.fireChannelRead(evt);
            }
        });
        return ch;
    }

    /** The buffers and user events that reached the end of the pipeline, in order. */
    private List<Object> arrived() {
        return List.copyOf(ch.inboundMessages());
    }

    @AfterEach
    void tearDown() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }

    private void advanceMillis(long ms) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        ch.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        ch.runPendingTasks();
    }

    private long arrivedBytes() {
        return arrived().stream().filter(o -> o instanceof ByteBuf).mapToLong(o -> ((ByteBuf) o).readableBytes()).sum();
    }

    private byte[] arrivedContent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        arrived().stream().filter(o -> o instanceof ByteBuf).forEach(o -> out.writeBytes(ByteBufUtil.getBytes((ByteBuf) o)));
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void readBytesGoOnAtTheRateInOrderWhileReadingIsHeld() {
        channel();
        byte[] data = random(35_000);
        ch.writeInbound(Unpooled.wrappedBuffer(data));

        assertThat(arrivedBytes()).as("a full bucket: one second's worth at once").isEqualTo(RATE);
        assertThat(ch.config().isAutoRead()).as("reading held while bytes wait").isFalse();
        advanceMillis(500);
        assertThat(arrivedBytes()).as("pieces wait for their tokens").isEqualTo(RATE);
        advanceMillis(500);
        assertThat(arrivedBytes()).isEqualTo(2L * RATE);
        advanceMillis(1000);
        assertThat(arrivedBytes()).isEqualTo(3L * RATE);
        advanceMillis(500);
        assertThat(arrivedBytes()).isEqualTo(35_000);
        assertThat(arrivedContent()).isEqualTo(data);
        assertThat(ch.config().isAutoRead()).as("reading resumes once everything went on").isTrue();
    }

    @Test
    void anInputShutdownWaitsBehindTheHeldBytes() {
        channel();
        ch.writeInbound(Unpooled.wrappedBuffer(random(15_000)));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(arrived()).noneMatch(o -> o == ChannelInputShutdownEvent.INSTANCE);

        advanceMillis(500);
        assertThat(arrived().get(arrived().size() - 1)).isSameAs(ChannelInputShutdownEvent.INSTANCE);
        assertThat(arrivedBytes()).isEqualTo(15_000);
    }

    @Test
    void writesWaitForTokensAndMakeTheChannelUnwritable() {
        channel();
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8 * 1024, 16 * 1024));
        byte[] data = random(45_000);
        ChannelFuture written = ch.writeAndFlush(Unpooled.wrappedBuffer(data));

        assertThat(outboundBytes()).isEqualTo(RATE);
        assertThat(written.isDone()).isFalse();
        assertThat(ch.isWritable()).as("waiting writes count towards the water marks").isFalse();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(drained);
        for (int i = 0; i < 4; i++) {
            advanceMillis(1000);
            out.writeBytes(drainOutbound());
        }
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(written.isSuccess()).isTrue();
        assertThat(ch.isWritable()).isTrue();
    }

    @Test
    void bothDirectionsDrawFromOneBucket() {
        channel();
        ch.writeInbound(Unpooled.wrappedBuffer(random(6_000)));
        assertThat(arrivedBytes()).isEqualTo(6_000);
        ch.writeAndFlush(Unpooled.wrappedBuffer(random(6_000)));
        assertThat(drainOutbound()).as("only 4,000 tokens left").isEmpty();
        advanceMillis(200);
        assertThat(drainOutbound()).hasSize(6_000);
    }

    @Test
    void aCloseFailsTheWritesStillWaiting() {
        channel();
        ch.writeAndFlush(Unpooled.wrappedBuffer(random(RATE)));
        ChannelFuture waiting = ch.writeAndFlush(Unpooled.wrappedBuffer(random(100)));
        assertThat(waiting.isDone()).isFalse();
        ch.close();
        assertThat(waiting.isDone() && !waiting.isSuccess()).isTrue();
    }

    private byte[] drained = new byte[0];

    private long outboundBytes() {
        drained = drainOutbound();
        return drained.length;
    }

    private byte[] drainOutbound() {
        return EmbeddedBytes.outbound(ch);
    }
}

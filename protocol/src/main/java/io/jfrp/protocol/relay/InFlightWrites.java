package io.jfrp.protocol.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes one side of a {@link Relay} has handed to a writer on another event loop whose writes
 * have not completed yet. Netty counts a write handed across loops against the writer's writability
 * only when the writer has an outbound buffer; a QUIC stream ({@code QuicStreamChannel}) has none, so
 * without this count the reading side would keep reading from a fast peer while the writes queue as
 * tasks on the writer's loop, unbounded. The bound is the writer's own water marks: the reader pauses
 * above the high mark ({@link #aboveHigh}) and may resume at or below the low mark; crossing the low
 * mark runs {@code belowLow} (from the writer's loop).
 *
 * <h3>Threading</h3>
 * {@link #promiseFor} on the reader's loop; the count is atomic because writes complete on the
 * writer's loop.
 */
final class InFlightWrites {
    private static final Logger log = LoggerFactory.getLogger(InFlightWrites.class);

    private final Channel writer;
    private final Runnable belowLow;
    private final AtomicLong bytes = new AtomicLong();

    InFlightWrites(Channel writer, Runnable belowLow) {
        this.writer = writer;
        this.belowLow = belowLow;
    }

    /**
     * A promise for writing {@code size} bytes to the writer: counted now, uncounted when the write
     * completes. A failed write closes the writer, as a failed write with its void promise would
     * (the relay's handler closes a channel whose write failed).
     */
    ChannelPromise promiseFor(int size) {
        bytes.addAndGet(size);
        ChannelPromise promise = writer.newPromise();
        promise.addListener(new Done(size));
        return promise;
    }

    /** Above the writer's high water mark: the reader should pause. */
    boolean aboveHigh() {
        return bytes.get() > writer.config().getWriteBufferHighWaterMark();
    }

    /** At or below the writer's low water mark: the reader may read again. */
    boolean atOrBelowLow() {
        return bytes.get() <= writer.config().getWriteBufferLowWaterMark();
    }

    /** The bytes handed over and not yet written. */
    long bytes() {
        return bytes.get();
    }

    private final class Done implements ChannelFutureListener {
        private final int size;

        Done(int size) {
            this.size = size;
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            long low = writer.config().getWriteBufferLowWaterMark();
            long after = bytes.addAndGet(-size);
            if (after <= low && after + size > low) {
                belowLow.run();
            }
            if (!future.isSuccess()) {
                log.debug("relay write to {} failed", writer, future.cause());
                writer.close();
            }
        }
    }
}

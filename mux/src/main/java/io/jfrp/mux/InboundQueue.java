package io.jfrp.mux;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayDeque;

/**
 * A stream's received payload not yet read by its child, with the number of bytes it holds (what
 * the stream owes the session's unread-bytes budget). A queue rather than a holder of one, so that
 * an idle stream, whose queue is dropped, keeps no object for it. Event loop only.
 */
final class InboundQueue extends ArrayDeque<ByteBuf> {
    private int bytes;

    InboundQueue() {
        super(4);
    }

    /** Queues {@code buf} (taking ownership); returns its readable bytes. */
    int queue(ByteBuf buf) {
        int n = buf.readableBytes();
        add(buf);
        bytes += n;
        return n;
    }

    /** The oldest buffer, now the caller's, or null when empty. */
    ByteBuf take() {
        ByteBuf buf = poll();
        if (buf != null) {
            bytes -= buf.readableBytes();
        }
        return buf;
    }

    int bytes() {
        return bytes;
    }

    /** Releases every buffer; returns the bytes they held. */
    int releaseAll() {
        int dropped = bytes;
        ByteBuf buf;
        while ((buf = poll()) != null) {
            ReferenceCountUtil.release(buf);
        }
        bytes = 0;
        return dropped;
    }
}

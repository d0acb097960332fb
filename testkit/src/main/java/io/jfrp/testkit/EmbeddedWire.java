package io.jfrp.testkit;

import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Two {@link EmbeddedChannel}s as the two ends of one connection: what one writes is read by the
 * other. {@link #pump} moves the bytes (and runs the tasks each side queued on its loop) until both
 * are quiet, so a test can play a real peer of the handler under test, codecs and encryption
 * included.
 */
public final class EmbeddedWire {
    private static final int MAX_ROUNDS = 1000;

    private EmbeddedWire() {
    }

    /**
     * Moves everything {@code a} and {@code b} write to the other's inbound side, running pending
     * tasks on both, until nothing moves.
     *
     * @throws AssertionError when the peers are still talking after many rounds (a ping-pong loop)
     */
    public static void pump(EmbeddedChannel a, EmbeddedChannel b) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            a.runPendingTasks();
            b.runPendingTasks();
            boolean moved = move(a, b) | move(b, a);
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the two ends are still writing after " + MAX_ROUNDS + " rounds");
    }

    /** Moves what {@code from} wrote to {@code to}'s inbound side; false when there was nothing. */
    public static boolean move(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        Object msg;
        while ((msg = from.readOutbound()) != null) {
            moved = true;
            if (to.isOpen()) {
                to.writeOneInbound(msg);
            } else {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }
        if (moved && to.isOpen()) {
            to.flushInbound();
        }
        return moved;
    }
}

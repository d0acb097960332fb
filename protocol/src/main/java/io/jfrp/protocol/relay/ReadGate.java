package io.jfrp.protocol.relay;

import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;

/**
 * A channel's reading as the sum of its reasons to pause: auto-read is on only while no reason holds
 * it off. Two parts of a pipeline that both stop reading (the relay, while the peer cannot take more;
 * a bandwidth limit, while its bucket is empty) would otherwise undo each other: one switching
 * auto-read back on while the other still needs it off.
 *
 * <h3>Memory</h3>
 * The reasons live in a channel attribute only while one holds: a channel reading freely (every
 * idle relayed connection) carries no attribute, nor the attribute map's array for it.
 *
 * <h3>Threading</h3>
 * Event loop of the channel only; the attribute is one that nothing else touches.
 */
public final class ReadGate {
    /** Why a channel's reading is held off; each is independent of the others. */
    public enum Reason {
        /** The relay: the peer cannot take more, or the relay does not exist yet. */
        RELAY,
        /** A bandwidth limit: the proxy's tokens are spent. */
        BANDWIDTH,
        /** A protocol handler that reads at its own pace (a plugin speaking HTTP or SOCKS). */
        HANDLER
    }

    /** The reasons holding reading off, one bit per {@link Reason}; absent while none does. */
    private static final AttributeKey<Integer> PAUSED = AttributeKey.valueOf(ReadGate.class, "paused");

    private ReadGate() {
    }

    /** Holds {@code channel}'s reading off for {@code reason}. */
    public static void pause(Channel channel, Reason reason) {
        assert channel.eventLoop().inEventLoop() : "ReadGate belongs on the channel's event loop";
        channel.attr(PAUSED).set(reasons(channel) | 1 << reason.ordinal());
        channel.config().setAutoRead(false);
    }

    /**
     * Lifts {@code reason}; reading resumes when no other reason holds it off, the channel is open
     * and its input has not ended (there is nothing left to read then, and the epoll transport fails
     * a read request on a socket whose input is shut down).
     */
    public static void resume(Channel channel, Reason reason) {
        assert channel.eventLoop().inEventLoop() : "ReadGate belongs on the channel's event loop";
        int left = reasons(channel) & ~(1 << reason.ordinal());
        if (left != 0) {
            channel.attr(PAUSED).set(left);
            return;
        }
        if (channel.hasAttr(PAUSED)) {
            forget(channel);
        }
        if (channel.isActive() && !(channel instanceof DuplexChannel duplex && duplex.isInputShutdown())) {
            channel.config().setAutoRead(true);
        }
    }

    /** Whether {@code reason} holds {@code channel}'s reading off now. */
    public static boolean isPaused(Channel channel, Reason reason) {
        return (reasons(channel) & 1 << reason.ordinal()) != 0;
    }

    /** The bits of the reasons holding {@code channel}'s reading off; 0 without creating the attribute. */
    private static int reasons(Channel channel) {
        Integer reasons = channel.hasAttr(PAUSED) ? channel.attr(PAUSED).get() : null;
        return reasons == null ? 0 : reasons;
    }

    /**
     * Takes the attribute out of the channel's map. Netty deprecates {@code remove()} for attributes
     * several threads share; this one belongs to the channel's loop, and {@code set(null)}, the
     * replacement Netty suggests, would keep it (and the map's array) for the channel's life.
     */
    @SuppressWarnings("deprecation")
    private static void forget(Channel channel) {
        channel.attr(PAUSED).remove();
    }
}

package io.jfrp.protocol.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.concurrent.Future;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The step before a {@link Relay#join}: one connection waits (a work connection, a user's connection)
 * while the other side is opened for it (the local service dialed, a visitor connection). If the
 * opening fails, the waiting connection is closed; if the waiting connection closed meanwhile, the
 * new one is closed; only when both are open does the caller go on to join them.
 */
public final class PendingJoin {
    private PendingJoin() {
    }

    /**
     * Once {@code dial} completes: {@code failed} is told why it failed and {@code waiting} is closed;
     * or the dialed channel is closed if {@code waiting} no longer is active; or {@code opened} gets it.
     */
    public static void whenOpened(ChannelFuture dial, Channel waiting, Consumer<Throwable> failed,
                                  Consumer<DuplexChannel> opened) {
        dial.addListener(f -> settle(dial, dial::channel, waiting, failed, opened));
    }

    /** As {@link #whenOpened(ChannelFuture, Channel, Consumer, Consumer)}, for a future of the channel itself. */
    public static void whenOpened(Future<? extends Channel> opening, Channel waiting, Consumer<Throwable> failed,
                                  Consumer<DuplexChannel> opened) {
        opening.addListener(f -> settle(opening, opening::getNow, waiting, failed, opened));
    }

    private static void settle(Future<?> done, Supplier<? extends Channel> channel, Channel waiting,
                               Consumer<Throwable> failed, Consumer<DuplexChannel> opened) {
        if (!done.isSuccess()) {
            failed.accept(done.cause());
            waiting.close();
            return;
        }
        Channel other = channel.get();
        if (!waiting.isActive()) {
            other.close();
            return;
        }
        opened.accept((DuplexChannel) other);
    }
}

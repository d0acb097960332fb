package io.jfrp.nathole.punch;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a fixed list of probes one at a time with a pause after each, on an event loop: frp's
 * {@code sendSidMessageToRangePorts} (2 ms apart) and {@code sendSidMessageToRandomPorts} (15 ms
 * apart), whose pacing keeps a burst from tripping a NAT's or firewall's flood protection.
 *
 * <p>Event-loop confined: started, stepped and cancelled on {@code loop}.
 *
 * @param <T> what one probe is sent to
 */
final class ProbeSweep<T> {
    private final EventLoop loop;
    private final List<T> targets;
    private final long intervalMicros;
    private final Consumer<T> send;
    private final Runnable onDone;
    private int next;
    private ScheduledFuture<?> pending;
    private boolean cancelled;

    /**
     * @param loop           the event loop of every socket involved
     * @param targets        what to send to, in order
     * @param intervalMicros the pause after each probe
     * @param send           sends one probe
     * @param onDone         runs once after the last probe (not after a cancel)
     */
    ProbeSweep(EventLoop loop, List<T> targets, long intervalMicros, Consumer<T> send, Runnable onDone) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.targets = List.copyOf(targets);
        this.intervalMicros = intervalMicros;
        this.send = send;
        this.onDone = onDone;
    }

    /** Sends the first probe now and the rest paced. */
    void start() {
        assert loop.inEventLoop();
        step();
    }

    private void step() {
        if (cancelled) {
            return;
        }
        if (next >= targets.size()) {
            onDone.run();
            return;
        }
        send.accept(targets.get(next++));
        pending = loop.schedule(this::step, intervalMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops sending; {@code onDone} will not run. */
    void cancel() {
        assert loop.inEventLoop();
        cancelled = true;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** Probes sent so far. */
    int sent() {
        return next;
    }
}

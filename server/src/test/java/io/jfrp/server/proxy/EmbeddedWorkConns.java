package io.jfrp.server.proxy;

import io.jfrp.protocol.FrpPipelines;
import io.jfrp.testkit.EmbeddedDuplexChannel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.List;

/**
 * The embedded channels of a test around a {@link WorkConnBridge}: a control (whose loop is the work
 * connection source's executor), the work connections it hands out, and whatever else the test
 * {@link #track tracks}; {@link #close()} finishes them all and releases what they hold.
 */
public final class EmbeddedWorkConns implements AutoCloseable {
    private final EmbeddedChannel control = new EmbeddedChannel();
    private final List<EmbeddedChannel> channels = new ArrayList<>(List.of(control));

    /** The control connection. */
    public EmbeddedChannel control() {
        return control;
    }

    /** Every channel tracked, the control first (mutable: a test may drop what it finished itself). */
    public List<EmbeddedChannel> channels() {
        return channels;
    }

    /** A pooled work connection as the control hands it out: framing, and the idle guard. */
    public EmbeddedDuplexChannel work() {
        EmbeddedDuplexChannel w = new EmbeddedDuplexChannel();
        FrpPipelines.addMessageCodec(w.pipeline());
        w.pipeline().addLast(WorkConnBridge.IDLE_HANDLER, new ChannelInboundHandlerAdapter());
        return track(w);
    }

    /** Adds {@code channel} to those {@link #close()} finishes. */
    public <C extends EmbeddedChannel> C track(C channel) {
        channels.add(channel);
        return channel;
    }

    /** Runs the pending tasks of every channel, {@code rounds} times (tasks hop between channels). */
    public void runPendingTasks(int rounds) {
        for (int i = 0; i < rounds; i++) {
            List.copyOf(channels).forEach(EmbeddedChannel::runPendingTasks);
        }
    }

    @Override
    public void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }
}

package io.jfrp.testkit;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link EmbeddedChannel}s a test opens, finished with every message still in them released
 * after each test, so a test that fails half-way leaks nothing. Register it as a field:
 * {@code @RegisterExtension final EmbeddedChannels channels = new EmbeddedChannels();} and open or
 * {@link #track} each channel through it. Open for subclasses that add the pipelines of one
 * package's tests.
 */
public class EmbeddedChannels implements AfterEachCallback {
    private final List<EmbeddedChannel> open = new ArrayList<>();

    /** Keeps {@code ch} to finish after the test; returns it. */
    public <C extends EmbeddedChannel> C track(C ch) {
        open.add(ch);
        return ch;
    }

    /** A registered, active channel with {@code handlers}. */
    public EmbeddedChannel of(ChannelHandler... handlers) {
        return track(new EmbeddedChannel(handlers));
    }

    /** A registered, active channel whose pipeline {@code setup} builds, then {@code app} last as "app". */
    public EmbeddedChannel withApp(Consumer<ChannelPipeline> setup, ChannelHandler app) {
        EmbeddedChannel ch = of();
        setup.accept(ch.pipeline());
        ch.pipeline().addLast("app", app);
        return ch;
    }

    @Override
    public final void afterEach(ExtensionContext context) {
        open.forEach(EmbeddedChannel::finishAndReleaseAll);
        open.clear();
    }
}

package io.jfrp.protocol.wire;

import io.jfrp.testkit.EmbeddedChannels;
import io.jfrp.protocol.testing.Recorder;
import io.netty.channel.embedded.EmbeddedChannel;

/** {@link EmbeddedChannels} with the pipelines the wire tests share. */
final class WireChannels extends EmbeddedChannels {
    /** frps' end of a new connection: the v1/v2 detector, then {@code app}. */
    EmbeddedChannel server(Recorder app, ServerWireSettings settings) {
        return withApp(p -> WirePipelines.addServerDetection(p, settings), app);
    }
}

package io.jfrp.server;

import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.server.proxy.VisitorTargets;
import io.jfrp.server.transport.EventLoops;
import io.jfrp.server.vhost.TunnelVhosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** jfrps serves exactly the proxy types the model says jfrp runs: the registry and ProxyType agree. */
class FrpServerRegistryTest {
    @TempDir
    Path dir;

    @Test
    void theRegistryServesEveryImplementedTypeAndNoOther() {
        ServerConfig config = ServerConfig.loopback("t", dir);
        try (EventLoops loops = EventLoops.create()) {
            var registry = FrpServer.proxies(config, loops, null, new TunnelVhosts(config.vhost(), "127.0.0.1", loops),
                    new VisitorTargets());

            assertThat(registry.types()).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(ProxyType.values()).filter(ProxyType::implemented).toList());
        }
    }
}

package io.jfrp.client;

import io.jfrp.client.xtcp.XtcpRuntime;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.visitor.VisitorType;
import io.netty.channel.DefaultEventLoopGroup;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** jfrpc runs exactly the proxy types the model says jfrp runs: its registry and ProxyType agree. */
class FrpClientRegistryTest {
    @Test
    void theRegistryRunsEveryImplementedTypeAndNoOther() {
        DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
        try (XtcpRuntime xtcp = new XtcpRuntime("127.0.0.1:3478", () -> null, loops)) {
            assertThat(FrpClient.proxies(xtcp, "").types()).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(ProxyType.values()).filter(ProxyType::implemented).toList());
            assertThat(FrpClient.visitors(xtcp).keySet()).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(VisitorType.values()).filter(VisitorType::implemented).toList());
        } finally {
            loops.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}

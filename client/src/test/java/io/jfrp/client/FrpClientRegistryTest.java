package io.jfrp.client;

import io.jfrp.config.model.proxy.ProxyType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** jfrpc runs exactly the proxy types the model says jfrp runs: its registry and ProxyType agree. */
class FrpClientRegistryTest {
    @Test
    void theRegistryRunsEveryImplementedTypeAndNoOther() {
        assertThat(FrpClient.PROXIES.types()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProxyType.values()).filter(ProxyType::implemented).toList());
    }
}

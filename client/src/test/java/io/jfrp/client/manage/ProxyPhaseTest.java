package io.jfrp.client.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The phases' texts are frp's own ({@code /api/status} and {@code jfrpc status}). */
class ProxyPhaseTest {
    @Test
    void textsAreFrps() {
        assertThat(Arrays.stream(ProxyPhase.values()).map(ProxyPhase::text))
                .containsExactly("new", "wait start", "start error", "running", "check failed", "closed");
    }
}

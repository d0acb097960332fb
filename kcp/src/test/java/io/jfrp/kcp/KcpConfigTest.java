package io.jfrp.kcp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KcpConfigTest {
    /** frp 0.70: golib's dialKCPServer (frpc) and pkg/util/net/kcp.go (frps listener, xtcp). */
    @Test
    void presetsAreFrps() {
        KcpConfig client = KcpConfig.frpClient();
        assertThat(client).extracting(KcpConfig::dataShards, KcpConfig::parityShards, KcpConfig::mtu,
                        KcpConfig::sendWindow, KcpConfig::receiveWindow, KcpConfig::nodelay, KcpConfig::interval,
                        KcpConfig::fastResend, KcpConfig::noCongestionWindow, KcpConfig::streamMode,
                        KcpConfig::writeDelay, KcpConfig::ackNoDelay)
                .containsExactly(10, 3, 1350, 128, 512, 1, 20, 2, true, true, true, false);
        for (KcpConfig c : new KcpConfig[] {KcpConfig.frpServer(), KcpConfig.frpXtcp()}) {
            assertThat(c.sendWindow()).isEqualTo(1024);
            assertThat(c.receiveWindow()).isEqualTo(1024);
            assertThat(c.withWindows(128, 512)).isEqualTo(client);
        }
    }

    @Test
    void rejectsValuesKcpGoWouldNotRun() {
        KcpConfig c = KcpConfig.frpServer();
        assertThatThrownBy(() -> c.withFec(10, 0)).hasMessageContaining("dataShards=10 parityShards=0");
        assertThatThrownBy(() -> c.withWindows(0, 10)).hasMessageContaining("send=0");
        assertThatThrownBy(() -> c.withMaxSessions(0)).hasMessageContaining("maxSessions");
        assertThatThrownBy(() -> c.withIdleTimeout(Duration.ofSeconds(-1))).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> new KcpConfig(10, 3, 1501, 1, 1, 1, 20, 2, true, true, true, false,
                Duration.ZERO, 1)).hasMessageContaining("mtu must be in [50, 1500], got 1501");
        assertThat(c.withFec(0, 0).fec()).isFalse();
    }
}

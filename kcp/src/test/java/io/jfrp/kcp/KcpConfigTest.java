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
        assertThat(client.dataShards()).isEqualTo(10);
        assertThat(client.parityShards()).isEqualTo(3);
        assertThat(client.mtu()).isEqualTo(1350);
        assertThat(client.sendWindow()).isEqualTo(128);
        assertThat(client.receiveWindow()).isEqualTo(512);
        assertThat(client.nodelay()).isEqualTo(1);
        assertThat(client.interval()).isEqualTo(20);
        assertThat(client.fastResend()).isEqualTo(2);
        assertThat(client.noCongestionWindow()).isTrue();
        assertThat(client.streamMode()).isTrue();
        assertThat(client.writeDelay()).isTrue();
        assertThat(client.ackNoDelay()).isFalse();
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

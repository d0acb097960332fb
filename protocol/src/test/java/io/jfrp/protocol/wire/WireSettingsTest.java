package io.jfrp.protocol.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ServerWireSettings}, {@link ClientWireSettings} and {@link WireProtocol}'s config names. */
class WireSettingsTest {
    @Test
    void serverDefaultsAreStockFrps() {
        ServerWireSettings s = ServerWireSettings.forToken("tökén", "0.70.0");
        assertThat(s.secret()).isEqualTo("tökén".getBytes(StandardCharsets.UTF_8));
        assertThat(s.algorithms()).containsExactlyInAnyOrder(AeadAlgorithm.values());
        assertThat(s.detectionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.detailedErrorsToClient()).isTrue();
        byte[] copy = s.secret();
        copy[0] = 0;
        assertThat(s.secret()[0]).isNotZero();
    }

    @Test
    void serverRefusesSettingsItCannotHonour() {
        ServerWireSettings s = ServerWireSettings.forToken("", "0.70.0");
        assertThatThrownBy(() -> s.withAlgorithms(Set.of())).hasMessage("a v2 server must accept at least one AEAD");
        assertThatThrownBy(() -> s.withDetectionTimeout(Duration.ZERO))
                .hasMessage("detectionTimeout must be positive: PT0S");
        assertThat(s.withAlgorithms(EnumSet.of(AeadAlgorithm.XCHACHA20_POLY1305)).algorithms())
                .containsExactly(AeadAlgorithm.XCHACHA20_POLY1305);
    }

    @Test
    void clientDefaultsAreStockFrpcs() {
        ClientWireSettings c = ClientWireSettings.forToken("t", "tcp", true, false);
        assertThat(c.algorithms()).isEqualTo(AeadAlgorithm.preferredOrder());
        assertThat(c.bootstrap()).isEqualTo(new ClientHello.Bootstrap("tcp", true, false));
        assertThatThrownBy(() -> c.withAlgorithms(List.of())).hasMessageStartingWith("offer each AEAD at most once");
        assertThatThrownBy(() -> c.withAlgorithms(List.of(AeadAlgorithm.AES_256_GCM, AeadAlgorithm.AES_256_GCM)))
                .hasMessageStartingWith("offer each AEAD at most once");
    }

    @Test
    void wireProtocolConfigNames() {
        assertThat(WireProtocol.fromConfigName("v2")).isEqualTo(WireProtocol.V2);
        assertThat(WireProtocol.fromConfigName("v1")).isEqualTo(WireProtocol.V1);
        assertThat(WireProtocol.fromConfigName("")).isEqualTo(WireProtocol.V1);
        assertThatThrownBy(() -> WireProtocol.fromConfigName("V2"))
                .hasMessage("transport.wireProtocol: unknown wire protocol 'V2', expected \"v1\" or \"v2\"");
    }
}

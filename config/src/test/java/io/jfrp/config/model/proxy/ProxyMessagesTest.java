package io.jfrp.config.model.proxy;

import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.msg.NewProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model to NewProxy and back, for every type, as frp's MarshalToMsg / UnmarshalFromMsg do it. */
class ProxyMessagesTest {

    /** A proxy of {@code type} with every field of every type set, so each type keeps only its own. */
    private static ProxyConfig everything(ProxyType type) {
        return ProxyBuilder.of(type, "p")
                .local("10.0.0.7", 8080)
                .transport(new ProxyTransport(true, true, "1MB", "server", "v2"))
                .loadBalancer("g", "k")
                .metadatas(Map.of("m", "1"))
                .annotations(Map.of("a", "2"))
                .remotePort(6000)
                .customDomains(List.of("a.example.net"))
                .subdomain("sub")
                .locations(List.of("/api"))
                .basicAuth("u", "pw")
                .hostHeaderRewrite("in.local")
                .requestHeaders(Map.of("x-req", "1"))
                .responseHeaders(Map.of("x-res", "2"))
                .routeByHTTPUser("u")
                .multiplexer("httpconnect")
                .secretKey("sk")
                .allowUsers(List.of("*"))
                .natTraversal(new NatTraversal(true))
                .build();
    }

    @ParameterizedTest
    @EnumSource(ProxyType.class)
    void everyTypeSurvivesTheWireWithItsOwnFields(ProxyType type) {
        ProxyConfig sent = everything(type);
        NewProxy msg = ProxyMessages.toNewProxy(sent, "alice");
        // Through the real codec, as the server receives it.
        NewProxy received = (NewProxy) MessageCodec.decode(MessageCodec.encode(msg));
        ProxyConfig back = ProxyMessages.fromNewProxy(received);

        assertThat(back.type()).isEqualTo(type);
        assertThat(back.name()).isEqualTo("alice.p");
        // What the message does not carry stays with the client: local address, health check, plugin,
        // the PROXY protocol version, NAT traversal.
        ProxyBuilder<ProxyConfig> expected = sent.toBuilder().name("alice.p").local("", 0)
                .transport(new ProxyTransport(true, true, "1MB", "server", ""))
                .natTraversal(NatTraversal.DEFAULT);
        assertThat(back).isEqualTo(expected.build());
    }

    @Test
    void aTcpProxyCarriesOnlyTcpFields() {
        NewProxy msg = ProxyMessages.toNewProxy(everything(ProxyType.TCP), "");
        assertThat(msg).isEqualTo(NewProxy.builder("p", "tcp").useEncryption(true).useCompression(true)
                .bandwidthLimit("1MB").bandwidthLimitMode("server").group("g").groupKey("k")
                .metas(Map.of("m", "1")).annotations(Map.of("a", "2")).remotePort(6000).build());
    }

    @Test
    void anHttpProxyCarriesItsRoutingFields() {
        NewProxy msg = ProxyMessages.toNewProxy(everything(ProxyType.HTTP), "");
        assertThat(msg.customDomains()).containsExactly("a.example.net");
        assertThat(msg.subdomain()).isEqualTo("sub");
        assertThat(msg.locations()).containsExactly("/api");
        assertThat(msg.httpUser()).isEqualTo("u");
        assertThat(msg.httpPwd()).isEqualTo("pw");
        assertThat(msg.headers()).isEqualTo(Map.of("x-req", "1"));
        assertThat(msg.responseHeaders()).isEqualTo(Map.of("x-res", "2"));
        assertThat(msg.remotePort()).isZero();
        assertThat(msg.sk()).isEmpty();
        assertThat(msg.multiplexer()).isEmpty();
    }

    @Test
    void theDefaultBandwidthLimitModeIsLeftOutAsFrpDoes() {
        ProxyConfig p = ProxyBuilder.tcp("p", "127.0.0.1", 22, 0).build();
        assertThat(ProxyMessages.toNewProxy(p, "").bandwidthLimitMode()).isEmpty();
        assertThat(ProxyMessages.fromNewProxy(ProxyMessages.toNewProxy(p, "")).base().transport().bandwidthLimitMode())
                .isEqualTo("client");
    }

    @Test
    void anUnknownTypeOrABadPortIsRefusedWithItsValue() {
        assertThatThrownBy(() -> ProxyMessages.fromNewProxy(NewProxy.builder("p", "ftp").build()))
                .hasMessageContaining("[ftp]");
        assertThatThrownBy(() -> ProxyMessages.fromNewProxy(NewProxy.builder("p", "tcp").remotePort(70000).build()))
                .hasMessageContaining("70000");
    }

    @Test
    void recordsRefuseABaseOfAnotherType() {
        ProxyBase udp = ProxyBuilder.of(ProxyType.UDP, "u").build().base();
        assertThatThrownBy(() -> new TcpProxyConfig(udp, 1)).hasMessageContaining("a tcp proxy with a base of type udp");
    }

    @Test
    void theTypeListIsFrpsInItsOrder() {
        assertThat(ProxyType.frpNames()).containsExactly("tcp", "udp", "http", "https", "tcpmux", "stcp", "xtcp", "sudp");
        assertThat(ProxyType.implementedFrpNames()).containsExactly("tcp", "udp", "http", "https", "tcpmux", "stcp",
                "sudp");
        assertThat(ProxyType.fromFrpName("TCP")).isEmpty();
    }
}

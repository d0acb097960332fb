package io.jfrp.config.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jfrp.config.model.proxy.HealthCheck;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.config.model.proxy.ProxyMessages;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.config.model.proxy.TcpMuxProxyConfig;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.config.model.visitor.VisitorType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON of proxies and visitors against what stock frpc and frps 0.70.0 answer for the same
 * configuration (the expected strings were taken from their admin and dashboard APIs), and back.
 */
class ProxyJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    private static ProxyConfig httpH1() {
        return ProxyBuilder.http("h1", "127.0.0.1", 80, "a.example.com").locations(List.of("/x"))
                .requestHeaders(Map.of("x-a", "1")).build();
    }

    @Test
    void frpcsFullFormOfAnHttpAndAUdpProxy() throws Exception {
        // frpc 0.70.0: GET /api/proxy/h1/config, .../u1/config (the "http" and "udp" blocks)
        assertThat(ProxyJson.full(httpH1())).isEqualTo(json("""
                {"name":"h1","type":"http","transport":{"bandwidthLimit":"","bandwidthLimitMode":"client"},
                 "loadBalancer":{"group":""},"healthCheck":{"type":"","intervalSeconds":0},"localIP":"127.0.0.1",
                 "localPort":80,"plugin":null,"customDomains":["a.example.com"],"locations":["/x"],
                 "requestHeaders":{"set":{"x-a":"1"}},"responseHeaders":{}}"""));
        ProxyConfig u1 = ProxyBuilder.of(ProxyType.UDP, "u1").local("127.0.0.1", 53).remotePort(17053).build();
        assertThat(ProxyJson.full(u1)).isEqualTo(json("""
                {"name":"u1","type":"udp","transport":{"bandwidthLimit":"","bandwidthLimitMode":"client"},
                 "loadBalancer":{"group":""},"healthCheck":{"type":"","intervalSeconds":0},"localIP":"127.0.0.1",
                 "localPort":53,"plugin":null,"remotePort":17053}"""));
        assertThat(MAPPER.writeValueAsString(ProxyJson.full(u1))).startsWith("{\"name\":\"u1\",\"type\":\"udp\",\"transport\"");
    }

    @Test
    void aHealthCheckShowsItsEffectiveNumbers() throws Exception {
        ProxyConfig t1 = ProxyBuilder.tcp("t1", "127.0.0.1", 22, 17022).annotations(Map.of("owner", "ops"))
                .healthCheck(new HealthCheck("tcp", 0, 0, 2, "", List.of())).build();
        // frpc shows {"type":"tcp","intervalSeconds":2}: only what the file spelt. The model holds
        // the effective values, frp's defaults included.
        assertThat(ProxyJson.full(t1)).isEqualTo(json("""
                {"name":"t1","type":"tcp","annotations":{"owner":"ops"},
                 "transport":{"bandwidthLimit":"","bandwidthLimitMode":"client"},"loadBalancer":{"group":""},
                 "healthCheck":{"type":"tcp","timeoutSeconds":3,"maxFailed":1,"intervalSeconds":2},
                 "localIP":"127.0.0.1","localPort":22,"plugin":null,"remotePort":17022}"""));
    }

    @Test
    void frpsConfOfProxiesItRebuiltFromNewProxy() throws Exception {
        // frps 0.70.0: GET /api/proxy/http, /api/proxy/tcpmux, /api/proxy/udp ("conf" of each)
        ProxyConfig h1 = ProxyMessages.fromNewProxy(ProxyMessages.toNewProxy(httpH1(), ""));
        assertThat(ProxyJson.serverView(h1)).isEqualTo(json("""
                {"name":"h1","type":"http","transport":{"bandwidthLimit":"","bandwidthLimitMode":"client"},
                 "loadBalancer":{"group":""},"healthCheck":{"type":"","intervalSeconds":0},"localIP":"127.0.0.1",
                 "plugin":null,"customDomains":["a.example.com"],"locations":["/x"],"hostHeaderRewrite":""}"""));
        ProxyConfig m1 = ProxyMessages.fromNewProxy(ProxyMessages.toNewProxy(ProxyBuilder.tcpmux("m1", "127.0.0.1", 8080,
                "m.example.com").multiplexer(TcpMuxProxyConfig.HTTP_CONNECT).build(), ""));
        assertThat(ProxyJson.serverView(m1)).isEqualTo(json("""
                {"name":"m1","type":"tcpmux","transport":{"bandwidthLimit":"","bandwidthLimitMode":"client"},
                 "loadBalancer":{"group":""},"healthCheck":{"type":"","intervalSeconds":0},"localIP":"127.0.0.1",
                 "plugin":null,"customDomains":["m.example.com"],"multiplexer":"httpconnect","routeByHTTPUser":""}"""));
        ProxyConfig u1 = ProxyMessages.fromNewProxy(ProxyMessages.toNewProxy(
                ProxyBuilder.of(ProxyType.UDP, "u1").local("127.0.0.1", 53).remotePort(17053).build(), ""));
        assertThat(ProxyJson.serverView(u1)).isEqualTo(json("""
                {"name":"u1","type":"udp","transport":{"bandwidthLimit":"","bandwidthLimitMode":"client"},
                 "loadBalancer":{"group":""},"healthCheck":{"type":"","intervalSeconds":0},"localIP":"127.0.0.1",
                 "plugin":null,"remotePort":17053}"""));
    }

    @Test
    void frpcsFullFormOfAVisitor() throws Exception {
        // frpc 0.70.0: GET /api/visitor/v1/config (the "stcp" block)
        assertThat(VisitorJson.full(VisitorBuilder.of(VisitorType.STCP, "v1").server("", "x").secretKey("k")
                .bind("127.0.0.1", 17900).build())).isEqualTo(json("""
                {"name":"v1","type":"stcp","transport":{},"secretKey":"k","serverName":"x","bindAddr":"127.0.0.1",
                 "bindPort":17900,"plugin":null}"""));
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameProxy() {
        List<ProxyConfig> proxies = List.of(
                httpH1(),
                ProxyBuilder.tcp("ssh", "10.0.0.2", 22, 6000).wrapping(true, true)
                        .loadBalancer("g", "k").metadatas(Map.of("b", "2", "a", "1"))
                        .healthCheck(new HealthCheck("http", 5, 2, 7, "/up", List.of(new HealthCheck.Header("Host", "x"))))
                        .build(),
                ProxyBuilder.https("s", "127.0.0.1", 443, "s.example.com").subdomain("s").build(),
                ProxyBuilder.tcpmux("m", "127.0.0.1", 8080, "m.example.com").multiplexer("httpconnect")
                        .basicAuth("u", "p").routeByHTTPUser("u").build(),
                ProxyBuilder.tcp("off", "127.0.0.1", 1, 0).enabled(false).build());
        for (ProxyConfig p : proxies) {
            assertThat(ConfigJson.readProxy(ProxyJson.full(p))).as(p.name()).isEqualTo(p);
        }
    }

    @Test
    void anInvalidDefinitionIsRefusedAsTheSameTableInAFileWouldBe() throws Exception {
        assertThatThrownBy(() -> ConfigJson.readProxy(json("""
                {"name":"bad","type":"tcp","localPort":70000}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localPort");
        assertThatThrownBy(() -> ConfigJson.readProxy(json("""
                {"name":"bad","type":"tcp","remotPort":1}""")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remotPort")
                .hasMessageContaining("remotePort");
    }
}

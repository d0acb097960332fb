package io.jfrp.server.plugin;

import io.jfrp.protocol.msg.NewProxy;
import io.jfrp.server.control.ClientIdentity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes of a server plugin's content as frps's {@code json.Marshal} writes them: struct order,
 * map keys in UTF-8 byte order (a supplementary character after U+E000, where Java's String order
 * puts it before), {@code < > &} and U+2028 escaped, other characters raw. The same bytes as stock
 * frps's for the same client are checked in e2e ({@code StockFrpWireParityTest}).
 */
class PluginContentsTest {
    @Test
    void aNewProxyContentIsGoBytes() {
        Map<String, String> metas = new HashMap<>();
        metas.put("z", "<b>&</b>");
        metas.put("\uD83D\uDE00", "emoji");
        metas.put("\uE000", "private");
        metas.put("a", "x\u2028y");
        ClientIdentity alice = new ClientIdentity("alice", metas, "run1");
        NewProxy req = NewProxy.builder("alice.web", "tcp").remotePort(6000).metas(metas).build();

        String body = new String(PluginContents.bytes(PluginContents.withUser(alice, req)), StandardCharsets.UTF_8);

        String goMetas = "{\"a\":\"x\\u2028y\",\"z\":\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\",\"\uE000\":\"private\","
                + "\"\uD83D\uDE00\":\"emoji\"}";
        assertThat(body).isEqualTo("{\"user\":{\"user\":\"alice\",\"metas\":" + goMetas + ",\"run_id\":\"run1\"},"
                + "\"proxy_name\":\"alice.web\",\"proxy_type\":\"tcp\",\"metas\":" + goMetas + ",\"remote_port\":6000}");
    }

    @Test
    void aClientWithoutMetadataHasNullMetasAsGoWritesANilMap() {
        ClientIdentity bob = new ClientIdentity("bob", Map.of(), "run2");

        String body = new String(PluginContents.bytes(PluginContents.user(bob)), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"user\":\"bob\",\"metas\":null,\"run_id\":\"run2\"}");
    }
}

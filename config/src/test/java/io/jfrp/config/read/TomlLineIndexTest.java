package io.jfrp.config.read;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TomlLineIndexTest {

    @Test
    void findsKeysTablesAndArraysOfTables() {
        Map<String, Integer> lines = TomlLineIndex.index("""
                # comment
                bindPort = 7000
                transport.tls.force = true
                "quoted.key" = 1
                allowPorts = [
                  { start = 2000, end = 3000 },
                  { single = 3001 },
                ]
                banner = \"\"\"
                notAKey = 1
                \"\"\"
                [webServer]
                port = 7500
                [[proxies]]
                name = "a"
                [proxies.plugin]
                type = "socks5"
                [[proxies]]
                name = "b" # comment = not a key
                'literal' = 2
                """);

        assertThat(lines).containsEntry("bindPort", 2)
                .containsEntry("transport", 3)
                .containsEntry("transport.tls", 3)
                .containsEntry("transport.tls.force", 3)
                .containsEntry("quoted.key", 4)
                .containsEntry("allowPorts", 5)
                .containsEntry("banner", 9)
                .containsEntry("webServer", 12)
                .containsEntry("webServer.port", 13)
                .containsEntry("proxies", 14)
                .containsEntry("proxies[0]", 14)
                .containsEntry("proxies[0].name", 15)
                .containsEntry("proxies[0].plugin", 16)
                .containsEntry("proxies[0].plugin.type", 17)
                .containsEntry("proxies[1]", 18)
                .containsEntry("proxies[1].name", 19)
                .containsEntry("proxies[1].literal", 20)
                .doesNotContainKeys("notAKey", "start", "single");
    }

    @Test
    void splitsDottedAndQuotedKeys() {
        assertThat(TomlLineIndex.keySegments("a . \"b.c\" . 'd'")).containsExactly("a", "b.c", "d");
        assertThat(TomlLineIndex.keySegments("x-y_z")).containsExactly("x-y_z");
        assertThat(TomlLineIndex.keySegments("")).isNull();
    }
}

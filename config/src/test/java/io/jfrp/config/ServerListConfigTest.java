package io.jfrp.config;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** frpc's {@code jfrp.servers}: several servers at once, and the one server of stock frp's keys. */
class ServerListConfigTest {
    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.forClient(ConfigFactory.defaultReference());

    @Test
    void stockKeysGiveOneServer() throws IOException {
        ClientConfig c = loader.load(write(dir, "frpc.toml", """
                serverAddr = "frps.example.net"
                serverPort = 7100
                """)).clientConfig();

        assertThat(c.servers()).containsExactly(new ServerAddress("frps.example.net", 7100, "frps.example.net"));
    }

    @Test
    void theListGivesEveryServerEachCheckedByItsOwnHostUnlessServerNameIsSet() throws IOException {
        ClientConfig c = loader.load(write(dir, "frpc.toml", """
                jfrp.servers = ["a.example.net:7000", "10.0.0.2:7001", "[::1]:7002"]
                """)).clientConfig();

        assertThat(c.servers()).containsExactly(
                new ServerAddress("a.example.net", 7000, "a.example.net"),
                new ServerAddress("10.0.0.2", 7001, "10.0.0.2"),
                new ServerAddress("::1", 7002, "::1"));
        assertThat(c.serverAddr()).isEqualTo("a.example.net");
        assertThat(c.serverPort()).isEqualTo(7000);
        assertThat(c.servers().get(2)).hasToString("[::1]:7002");

        ClientConfig named = loader.load(write(dir, "frpc.toml", """
                transport.tls.serverName = "frps.internal"
                jfrp.servers = ["a.example.net:7000", "b.example.net:7000"]
                """)).clientConfig();
        assertThat(named.servers()).extracting(ServerAddress::tlsServerName)
                .containsExactly("frps.internal", "frps.internal");
    }

    @Test
    void forServerIsTheConfigurationTowardOneServer() throws IOException {
        ClientConfig c = loader.load(write(dir, "frpc.toml", """
                jfrp.servers = ["a.example.net:7000", "b.example.net:7001"]
                """)).clientConfig();

        ClientConfig b = c.forServer(c.servers().get(1));

        assertThat(b.serverAddr()).isEqualTo("b.example.net");
        assertThat(b.serverPort()).isEqualTo(7001);
        assertThat(b.tls().serverName()).isEqualTo("b.example.net");
        assertThat(b.servers()).containsExactly(c.servers().get(1));
        assertThat(b.proxies()).isEqualTo(c.proxies());
    }

    @Test
    void badEntriesAndTheListWithServerAddrAreErrorsNamingEach() throws IOException {
        Path file = write(dir, "frpc.toml", """
                serverAddr = "x.example.net"
                jfrp.servers = ["a.example.net", "b:70000", "::1:7000", "c:7000", "c:7000", "d:http"]
                """);

        InvalidConfigException e = catchThrowableOfType(() -> loader.load(file), InvalidConfigException.class);

        assertThat(e.errors()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                file + ":2: 'jfrp.servers[0]': 'a.example.net' is not host:port",
                file + ":2: 'jfrp.servers[1]': 'b:70000': the port must be 1..65535",
                file + ":2: 'jfrp.servers[2]': '::1:7000': an IPv6 address goes in brackets, as [::1]:7000",
                file + ":2: 'jfrp.servers[4]': c:7000 is listed twice",
                file + ":2: 'jfrp.servers[5]': 'd:http': the port is not a number",
                file + ":2: 'jfrp.servers' replaces 'serverAddr': set one of them (the list's first server may be"
                        + " the same host)");
    }

    @Test
    void anEntryThatIsNotAStringIsATypeError() throws IOException {
        Path file = write(dir, "frpc.toml", "jfrp.servers = \"a:7000\"\n");

        assertThatThrownBy(() -> loader.load(file)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("jfrp.servers");
    }

    @Test
    void parseReadsHostAndPort() {
        assertThat(ServerAddress.parse(" h:1 ", "")).isEqualTo(new ServerAddress("h", 1, "h"));
        assertThat(ServerAddress.parse("[fe80::1]:65535", "n")).isEqualTo(new ServerAddress("fe80::1", 65535, "n"));
        assertThat(List.of(":7000", "h:", "h:0")).allSatisfy(s ->
                assertThatThrownBy(() -> ServerAddress.parse(s, "")).isInstanceOf(IllegalArgumentException.class));
    }
}

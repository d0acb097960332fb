package io.jfrp.config.cli;

import com.typesafe.config.ConfigFactory;
import io.jfrp.config.ConfigLoader;
import io.jfrp.config.InvalidConfigException;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.HttpProxyConfig;
import io.jfrp.config.model.proxy.TcpProxyConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** frps's and frpc's command-line flags become the v1 settings a file would hold, and load as one. */
class FrpFlagsTest {
    private static CommandSpec parse(List<FrpFlag> flags, String... args) {
        CommandSpec spec = CommandSpec.create();
        FrpFlags.addTo(spec, flags);
        new CommandLine(spec).parseArgs(FrpArgs.normalize(args));
        return spec;
    }

    private static CommandSpec client(String type, String... args) {
        CommandSpec spec = CommandSpec.create();
        FrpFlags.addTo(spec, FrpFlags.clientCommon());
        FrpFlags.addTo(spec, FrpFlags.proxy(type));
        new CommandLine(spec).parseArgs(FrpArgs.normalize(args));
        return spec;
    }

    @Test
    void underscoresInLongFlagNamesAreDashesAsCobraNormalisesThem() {
        assertThat(FrpArgs.normalize(new String[] {"--vhost_http_port", "80", "--allow_ports=1_2", "-t", "a_b", "--",
                "--x_y"})).containsExactly("--vhost-http-port", "80", "--allow-ports=1_2", "-t", "a_b", "--", "--x_y");
    }

    @Test
    void frpsFlagsSetTheKeysOfAFileWithFrpsFlagDefaults() {
        Map<String, Object> s = FrpFlags.serverSettings(parse(FrpFlags.server(), "-t", "123", "-p", "7001",
                "--vhost_http_port", "8080", "--allow-ports", "2000-3000,3001", "--tls-only", "--dashboard-port", "7500"));
        assertThat(s).containsEntry("auth", Map.of("token", "123")).containsEntry("bindPort", 7001L)
                .containsEntry("vhostHTTPPort", 8080L).containsEntry("allowPorts", "2000-3000,3001")
                .containsEntry("proxyBindAddr", "0.0.0.0")
                .containsEntry("transport", Map.of("tls", Map.of("force", true)))
                .containsEntry("webServer", Map.of("port", 7500L, "user", "admin", "password", "admin"));

        ServerConfig c = ConfigLoader.forServer(ConfigFactory.defaultReference())
                .loadSettings(FrpFlags.serverSettings(parse(FrpFlags.server(), "-t", "123", "-p", "7001",
                        "--vhost-http-port", "8080", "--bind-addr", "127.0.0.1")), Path.of("command-line"))
                .serverConfig();
        assertThat(c.bindPort()).isEqualTo(7001);
        assertThat(c.bindAddr()).isEqualTo("127.0.0.1");
        assertThat(c.proxyBindAddr()).isEqualTo("0.0.0.0"); // frps's flag default, whatever --bind-addr says
        assertThat(c.auth().token()).isEqualTo("123");
        assertThat(c.vhost().httpPort()).isEqualTo(8080);
    }

    @Test
    void frpcTcpSubcommandFlagsMakeOneProxy() {
        Map<String, Object> s = FrpFlags.clientSettings(client("tcp", "-s", "10.0.0.1", "-P", "7001", "-t", "123",
                "-u", "test", "-l", "22", "-r", "6000", "-n", "ssh", "--ue", "--annotations", "a=1,b=2"), "tcp", false);
        ClientConfig c = ConfigLoader.forClient(ConfigFactory.defaultReference())
                .loadSettings(s, Path.of("command-line")).clientConfig();
        assertThat(c.serverAddr()).isEqualTo("10.0.0.1");
        assertThat(c.serverPort()).isEqualTo(7001);
        assertThat(c.user()).isEqualTo("test");
        assertThat(c.loginFailExit()).isTrue();
        assertThat(c.proxies()).singleElement().isInstanceOfSatisfying(TcpProxyConfig.class, p -> {
            assertThat(p.name()).isEqualTo("ssh");
            assertThat(p.remotePort()).isEqualTo(6000);
            assertThat(p.base().localPort()).isEqualTo(22);
            assertThat(p.base().localIP()).isEqualTo("127.0.0.1");
            assertThat(p.base().transport().useEncryption()).isTrue();
            assertThat(p.base().annotations()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        });
    }

    @Test
    void frpcHttpSubcommandTakesDomainsAndLocations() {
        ClientConfig c = ConfigLoader.forClient(ConfigFactory.defaultReference()).loadSettings(
                FrpFlags.clientSettings(client("http", "-n", "web", "-l", "80", "--custom_domain", "a.test",
                        "-d", "b.test,c.test", "--locations", "/x", "--http_user", "u", "--http_pwd", "p"), "http", false),
                Path.of("command-line")).clientConfig();
        assertThat(c.serverAddr()).isEqualTo("127.0.0.1"); // frpc's flag default
        assertThat(c.proxies()).singleElement().isInstanceOfSatisfying(HttpProxyConfig.class, p -> {
            assertThat(p.customDomains()).containsExactly("a.test", "b.test", "c.test");
            assertThat(p.locations()).containsExactly("/x");
            assertThat(p.httpUser()).isEqualTo("u");
        });
    }

    @Test
    void aTypeJfrpDoesNotRunIsTheSameErrorAsInAFile() {
        InvalidConfigException e = catchThrowableOfType(() -> ConfigLoader.forClient(ConfigFactory.defaultReference())
                .loadSettings(FrpFlags.clientSettings(client("xtcp", "-n", "p2p", "--sk", "s3cret", "-l", "22"), "xtcp", false),
                        Path.of("command-line")), InvalidConfigException.class);
        assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("type 'xtcp' is an frp proxy type jfrp does not implement yet"));
    }

    @Test
    void aMalformedValueNamesItsFlag() {
        CommandSpec spec = parse(FrpFlags.server(), "-p", "seven");
        assertThat(catchThrowableOfType(() -> FrpFlags.serverSettings(spec), IllegalArgumentException.class))
                .hasMessage("invalid argument \"seven\" for \"--bind-port\" flag: not an integer");
    }
}

package io.jfrp.config;

import io.jfrp.config.model.ServerConfig;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.jfrp.testkit.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Errors and warnings, through real files, as a user sees them. */
class ConfigValidatorTest {
    @TempDir
    Path dir;

    private final ConfigLoader server = ConfigLoader.forServer(ConfigFactory.defaultReference());
    private final ConfigLoader client = ConfigLoader.forClient(ConfigFactory.defaultReference());

    private InvalidConfigException failure(ConfigLoader loader, String name, String text) throws IOException {
        Path f = write(dir, name, text);
        return catchThrowableOfType(() -> loader.load(f), InvalidConfigException.class);
    }

    private List<String> errors(ConfigLoader loader, String name, String text) throws IOException {
        InvalidConfigException e = failure(loader, name, text);
        assertThat(e).as("expected the file to be refused").isNotNull();
        return e.errors().stream().map(ConfigProblem::message).toList();
    }

    @Test
    void unknownKeyNamesTheFileTheLineAndASuggestion() throws IOException {
        InvalidConfigException e = failure(server, "frps.toml", "bindAddr = \"0.0.0.0\"\nbindPrt = 7000\n");

        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("frps.toml").toString());
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.key()).isEqualTo("bindPrt");
            assertThat(p.toString()).isEqualTo(dir.resolve("frps.toml") + ":2: unknown key 'bindPrt' (did you mean 'bindPort'?)");
        });
        assertThat(e.getMessage()).isEqualTo(dir.resolve("frps.toml") + ": 1 configuration error" + System.lineSeparator()
                + "  " + dir.resolve("frps.toml") + ":2: unknown key 'bindPrt' (did you mean 'bindPort'?)");
    }

    /** Files refused with exactly these errors, in this order: one case each, named for what it shows. */
    static Stream<Arguments> refusedFiles() {
        return Stream.of(
                Arguments.of("suggestionsFindKeysInOtherTablesAndFrpIniNames", "server", "frps.toml", """
                        tcpMux = false
                        bind_port = 7000
                        token = "x"
                        [transport]
                        tls.forse = true
                        maxPoolCnt = 3
                        """, List.of(
                        "unknown key 'tcpMux' (did you mean 'transport.tcpMux'?)",
                        "unknown key 'bind_port' (did you mean 'bindPort'?)",
                        "unknown key 'token' (did you mean 'auth.token'?)",
                        "unknown key 'transport.tls.forse' (did you mean 'transport.tls.force'?)",
                        "unknown key 'transport.maxPoolCnt' (did you mean 'transport.maxPoolCount'?)")),
                Arguments.of("unknownKeyInAProxyNamesTheElement", "client", "frpc.toml", """
                        [[proxies]]
                        name = "ssh"
                        type = "tcp"
                        localPort = 22
                        remotePrt = 6000
                        """, List.of("unknown key 'proxies[0].remotePrt' (did you mean 'proxies[0].remotePort'?)")),
                Arguments.of("aBandwidthLimitOnADatagramProxyIsRefusedByName", "client", "frpc.toml", """
                        [[proxies]]
                        name = "dns"
                        type = "udp"
                        localPort = 53
                        remotePort = 6053
                        transport.bandwidthLimit = "1MB"
                        [[proxies]]
                        name = "ssh"
                        type = "tcp"
                        localPort = 22
                        remotePort = 6022
                        transport.bandwidthLimit = "1MB"
                        """, List.of("'proxies[0].transport.bandwidthLimit' on a udp proxy is an frp setting jfrp"
                        + " does not implement yet (jfrp limits tcp, http, https, tcpmux and stcp proxies)")),
                Arguments.of("theSshGatewayWithOidcIsRefusedByName", "server", "frps.toml", """
                        auth.method = "oidc"
                        auth.oidc.issuer = "https://idp.example.test"
                        sshTunnelGateway.bindPort = 2200
                        """, List.of("sshTunnelGateway with auth.method = \"oidc\" is an frp combination jfrp does"
                        + " not implement yet (the gateway's internal client logs in with the token)")),
                Arguments.of("wrongTypesAreErrors", "server", "frps.toml", """
                        bindPort = "7000"
                        transport.tcpMux = "true"
                        transport.maxPoolCount = -1
                        userConnTimeout = 2.5
                        auth.additionalScopes = ["HeartBeat"]
                        log.level = "verbose"
                        transport.tls = 1
                        """, List.of(
                        "'bindPort': expected a port number 0..65535, 0 for the default 7000, got '7000'",
                        "'transport.tcpMux': expected a boolean (true or false), got 'true'",
                        "'transport.maxPoolCount': expected a whole number >= 0, got -1",
                        "'userConnTimeout': expected a whole number of seconds (or a duration such as \"30s\") in 0..2147483647, got 2.5",
                        "'auth.additionalScopes[0]': expected one of 'HeartBeats', 'NewWorkConns', got 'HeartBeat' (did you mean 'HeartBeats'?)",
                        "'log.level': expected one of 'debug', 'error', 'info', 'trace', 'warn', got 'verbose'",
                        "'transport.tls': expected a table, got 1")),
                Arguments.of("unsupportedKeysAreStillTypeChecked", "server", "frps.toml", """
                        vhostHTTPPort = -80
                        natholeAnalysisDataReserveHours = "a week"
                        [[httpPlugins]]
                        name = "p"
                        ops = ["Logn"]
                        """, List.of(
                        "'vhostHTTPPort': expected a port number 0..65535, got -80",
                        "'natholeAnalysisDataReserveHours': expected a whole number >= 0, got 'a week'",
                        "'httpPlugins[0].ops[0]': expected one of 'CloseProxy', 'Login', 'NewProxy', 'NewUserConn', 'NewWorkConn', 'Ping', got 'Logn' (did you mean 'Login'?)")),
                Arguments.of("aPluginOrAProxyTypeJfrpDoesNotRunIsRefusedNotIgnored", "client", "frpc.toml", """
                        [[proxies]]
                        name = "socks"
                        type = "tcp"
                        remotePort = 6000
                        [proxies.plugin]
                        type = "virtual_net"

                        [[proxies]]
                        name = "p2p"
                        type = "xtcp"
                        localPort = 22
                        secretKey = "abc"
                        """, List.of(
                        "proxy 'socks': plugin 'virtual_net' is alpha in frp (feature gate VirtualNet) and jfrp does not "
                                + "implement it")),
                Arguments.of("keysOfAnotherProxyTypeAreErrors", "client", "frpc.toml", """
                        [[proxies]]
                        name = "ssh"
                        type = "tcp"
                        localPort = 22
                        subdomain = "ssh"
                        """, List.of(
                        "key 'proxies[0].subdomain' does not apply to a proxy of type 'tcp' (only to http, https, tcpmux)")),
                Arguments.of("proxiesNeedANameATypeAndForTcpALocalPort", "client", "frpc.toml", """
                        [[proxies]]
                        localPort = 22
                        [[proxies]]
                        name = "b"
                        type = "tcp"
                        """, List.of(
                        "'proxies[0]': missing 'type' (one of tcp, udp, http, https, tcpmux, stcp, xtcp, sudp)",
                        "'proxies[0]': a proxy needs a 'name'",
                        "proxy 'b': 'localPort' is required (1..65535)")),
                // frpc 0.70 (verify and a start alike): "proxy web: subdomain and custom domains should not be
                // both empty", exit 1; an empty string in customDomains passes there too
                Arguments.of("nameRoutedProxiesNeedADomainAsInFrpc", "client", "frpc.toml", """
                        [[proxies]]
                        name = "web"
                        type = "http"
                        localPort = 80
                        [[proxies]]
                        name = "tls"
                        type = "https"
                        localPort = 443
                        customDomains = []
                        subdomain = ""
                        [[proxies]]
                        name = "mux"
                        type = "tcpmux"
                        multiplexer = "httpconnect"
                        localPort = 8080
                        [[proxies]]
                        name = "blank"
                        type = "http"
                        localPort = 80
                        customDomains = [""]
                        [[proxies]]
                        name = "sub"
                        type = "http"
                        localPort = 80
                        subdomain = "a"
                        """, List.of(
                        "proxy 'web': subdomain and custom domains should not be both empty",
                        "proxy 'tls': subdomain and custom domains should not be both empty",
                        "proxy 'mux': subdomain and custom domains should not be both empty")),
                Arguments.of("iniUnknownKeysSuggestIniNames", "client", "frpc.ini", """
                        [common]
                        server_adr = x
                        [ssh]
                        local_prt = 22
                        """, List.of(
                        "unknown key 'server_adr' in [common] (did you mean 'server_addr'?)",
                        "unknown key 'local_prt' in [ssh] (did you mean 'local_port'?)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFiles")
    void refusedWithExactlyTheseErrors(String what, String program, String name, String text, List<String> expected)
            throws IOException {
        assertThat(errors(program.equals("server") ? server : client, name, text)).containsExactlyElementsOf(expected);
    }

    @Test
    void nothingCloseMeansNoSuggestion() throws IOException {
        assertThat(errors(server, "frps.toml", "completelyDifferent = 1\n"))
                .containsExactly("unknown key 'completelyDifferent'");
    }

    @Test
    void badPortIsAnErrorNamingKeyValueAndWhatWasExpected() throws IOException {
        InvalidConfigException e = failure(server, "frps.toml", "bindPort = 70000\n");

        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).isEqualTo(
                    "'bindPort': expected a port number 0..65535, 0 for the default 7000, got 70000");
        });
    }

    @Test
    void allErrorsOfAFileAreReportedTogether() throws IOException {
        InvalidConfigException e = failure(client, "frpc.toml", """
                serverAdr = "x"
                serverPort = 99999
                transport.poolCount = "many"

                [[proxies]]
                name = "ssh"
                type = "tcp"
                localPort = 22

                [[proxies]]
                name = "ssh"
                type = "tcpp"
                localPort = 70000
                """);

        assertThat(e.errors()).extracting(p -> p.line() + ": " + p.message()).containsExactly(
                "1: unknown key 'serverAdr' (did you mean 'serverAddr'?)",
                "2: 'serverPort': expected a port number 0..65535, 0 for the default 7000, got 99999",
                "3: 'transport.poolCount': expected a whole number >= 0, got 'many'",
                "11: 'proxies[1]': proxy name 'ssh' is used twice (first on line 6)",
                "12: 'proxies[1].type': expected one of 'http', 'https', 'stcp', 'sudp', 'tcp', 'tcpmux', 'udp', 'xtcp', got 'tcpp' (did you mean 'tcp'?)",
                "13: 'proxies[1].localPort': expected a port number 0..65535, got 70000");
        assertThat(e.getMessage()).startsWith(dir.resolve("frpc.toml") + ": 6 configuration errors")
                .contains("frpc.toml:1: unknown key 'serverAdr'", "frpc.toml:13: 'proxies[1].localPort'");
    }

    @Test
    void badAllowPortsInBothForms() throws IOException {
        assertThat(errors(server, "frps.toml", """
                allowPorts = [
                  { start = 3000, end = 2000 },
                  { single = 70000 },
                  { start = 10 },
                  { single = 5, start = 1, end = 9 },
                  { from = 1 },
                ]
                """)).containsExactly(
                "'allowPorts': element 0: range 3000-2000 ends before it starts",
                "'allowPorts': element 1: single must be a port number 1..65535, got 70000",
                "'allowPorts': element 2: a range needs both start and end",
                "'allowPorts': element 3: give either single or start and end, not both",
                "'allowPorts': element 4: unknown key(s) [from] (a port range has start and end, or single)");
        assertThat(errors(server, "frps.ini", "[common]\nallow_ports = 2000-1000,abc\n")).containsExactly(
                "'allow_ports' (v1: allowPorts): '2000-1000': range ends before it starts",
                "'allow_ports' (v1: allowPorts): 'abc' is not a port or a range such as 2000-3000");
    }

    @Test
    void unimplementedFrpKeysAreErrorsNamingTheKeyAndTheLine() throws IOException {
        InvalidConfigException e = failure(server, "frps.toml", """
                vhostHTTPPort = 8080
                subDomainHost = "example.net"
                enablePrometheus = false
                transport.tcpKeepalive = 60
                detailedErrorsToClient = false
                """);

        assertThat(e.errors()).extracting(ConfigProblem::toString).containsExactly(
                dir.resolve("frps.toml") + ":4: 'transport.tcpKeepalive' is an frp key jfrp does not implement yet",
                dir.resolve("frps.toml") + ":5: 'detailedErrorsToClient' is an frp key jfrp does not implement yet");
    }

    @Test
    void unimplementedKeysAtFrpsDefaultAskForNothingAndAreDropped() throws IOException {
        LoadedConfig loaded = server.load(write(dir, "frps.toml", """
                vhostHTTPPort = 8080
                enablePrometheus = false
                transport.tcpKeepalive = 7200
                detailedErrorsToClient = true
                """));

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.user().hasPath("transport.tcpKeepalive")).as("keys at frp's default are dropped")
                .isFalse();
        assertThat(loaded.user().hasPath("detailedErrorsToClient")).isFalse();
        assertThat(loaded.user().getInt("vhostHTTPPort")).as("implemented keys are kept").isEqualTo(8080);
    }

    @Test
    void aPluginNeedsWhatItCannotRunWithoutAndACertificateItsKey() throws IOException {
        assertThat(errors(client, "frpc.toml", """
                [[proxies]]
                name = "files"
                type = "tcp"
                [proxies.plugin]
                type = "static_file"

                [[proxies]]
                name = "tls"
                type = "https"
                customDomains = ["example.com"]
                [proxies.plugin]
                type = "https2http"
                localAddr = "127.0.0.1:80"
                crtPath = "server.crt"
                """)).containsExactly(
                "proxy 'files': plugin static_file needs 'localPath'",
                "proxy 'tls': plugin 'crtPath' is set but 'keyPath' is not; give both, or neither for a certificate "
                        + "made at start");
    }

    @Test
    void rulesAcrossKeys() throws IOException {
        assertThat(errors(client, "frpc.toml", """
                auth.method = "oidc"
                transport.tcpMux = false
                transport.heartbeatInterval = 60
                transport.heartbeatTimeout = 30
                transport.tls.certFile = "client.crt"
                """)).containsExactly(
                "auth.oidc.clientID is required",
                "auth.oidc.tokenEndpointURL is required",
                "'transport.heartbeatTimeout' (30s) must not be less than 'transport.heartbeatInterval' (60s)",
                "'transport.tls.certFile' is set but 'transport.tls.keyFile' is not; give both (frp would silently use a generated certificate instead)");
    }

    @Test
    void aKeyWrittenTwiceWithDifferentCaseIsAnError() throws IOException {
        assertThat(errors(server, "frps.toml", "bindPort = 7000\nbindport = 7001\n")).containsExactly(
                "'bindport' and 'bindPort' are the same key to frp (it ignores case); keep only 'bindPort'");
    }

    @Test
    void hoconFilesGetTheSameChecksWithLines() throws IOException {
        InvalidConfigException e = failure(server, "application.conf", """
                bindPort = 7000
                transport {
                  maxPoolCount = -2
                  tcpMuxx = true
                }
                """);

        assertThat(e.errors()).extracting(p -> p.line() + ": " + p.message()).containsExactly(
                "3: 'transport.maxPoolCount': expected a whole number >= 0, got -2",
                "4: unknown key 'transport.tcpMuxx' (did you mean 'transport.tcpMux'?)");
    }

    @Test
    void programRootInTheFileGetsAHint() throws IOException {
        assertThat(errors(server, "application.conf", "jfrps { bindPort = 7000 }\n")).containsExactly(
                "unknown key 'jfrps': write the settings at the top level of the file, with frp's key names");
    }

    @Test
    void propertiesFilesMayWriteNumbersAndBooleansAsText() throws IOException {
        ServerConfig s = server.load(write(dir, "frps.properties", "bindPort=7200\ntransport.tcpMux=false\n"))
                .serverConfig();

        assertThat(s.bindPort()).isEqualTo(7200);
        assertThat(s.tcpMux()).isFalse();
    }

    @Test
    void syntaxErrorsAreReportedWithTheFile() throws IOException {
        InvalidConfigException toml = failure(server, "frps.toml", "bindPort = = 7000\n");
        assertThat(toml.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("frps.toml");
            assertThat(p.message()).startsWith("not valid TOML");
        });
        InvalidConfigException hocon = failure(server, "application.conf", "bindPort = {\n");
        assertThat(hocon.errors()).singleElement().satisfies(p -> assertThat(p.file()).endsWith("application.conf"));
    }

    @Test
    void templateErrorsNameWhatWasWrongWithItsLine() throws IOException {
        ConfigLoader noEnv = server.withEnvironment(java.util.Map.of());
        Path f = write(dir, "frps.toml", "bindAddr = \"0.0.0.0\"\nbindPort = {{ .Envs.NOPE }}\n");
        InvalidConfigException e = catchThrowableOfType(() -> noEnv.load(f), InvalidConfigException.class);

        assertThat(e.errors()).extracting(p -> p.line() + ": " + p.message()).containsExactly(
                "2: template: environment variable NOPE is not set");
    }

    @Test
    void yamlAndJsonAreReadWithTheirLines() throws IOException {
        assertThat(failure(server, "frps.yaml", "bindPort: 7000\nlog:\n  level: loud\n").errors()).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(3));
        assertThat(failure(server, "frps", "{\"bindPort\": 7000,\n \"bindAdr\": \"x\"}").errors()).singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(2);
                    assertThat(p.message()).startsWith("unknown key 'bindAdr'");
                });
    }
}

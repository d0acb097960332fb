package io.jfrp.bench.paths;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frps/frpc files of the frp-protocol paths: their exact text, and stock frp 0.70's own strict
 * {@code verify} (which rejects any key it does not know) accepting them in every mode, jfrp's modes
 * included once jfrp's own keys are set aside.
 */
class FrpTomlTest {
    /**
     * Stock frp 0.70.0 as the harness finds it: FRP_HOME, else ../shared/peers/frp-0.70.0 from the
     * project root (bench/..), where HELPERS.md keeps it.
     */
    static final Path STOCK_FRP = Path.of(String.valueOf(PathCatalog.frpHome(null, System.getenv("FRP_HOME"),
            Path.of("").toAbsolutePath().getParent()))).toAbsolutePath();

    @TempDir
    Path dir;

    private static final FrpToml.Server SERVER = new FrpToml.Server("127.0.0.1", 7000, "t", 8080);
    private static final FrpToml.Client CLIENT = new FrpToml.Client("127.0.0.1", 7000, "t", "127.0.0.1", 5201, 6000);

    @Test
    void frpVersionComesFromFrpsVersionOutput() {
        assertThat(FrpVersion.parse("0.70.0\n")).isEqualTo(new FrpVersion(0, 70, 0));
        assertThat(FrpVersion.parse("frps version v0.51.3")).isEqualTo(new FrpVersion(0, 51, 3));
        assertThat(new FrpVersion(0, 52, 0)).isGreaterThan(new FrpVersion(0, 51, 9)).isLessThan(new FrpVersion(1, 0, 0));
        assertThatThrownBy(() -> FrpVersion.parse("command not found")).hasMessage(
                "no frp version (x.y.z) in 'command not found'");
    }

    @Test
    void serverAndClientFilesAreFrpV1Toml() {
        assertThat(FrpToml.render("c", FrpToml.server(TransportMode.MUX_TLS, SERVER))).isEqualTo("""
                # c
                bindAddr = '127.0.0.1'
                bindPort = 7000
                auth.token = 't'
                log.level = 'warn'
                transport.tcpMux = true
                transport.maxPoolCount = 5
                """);
        assertThat(FrpToml.render("c", FrpToml.client(TransportMode.POOL_TLS, CLIENT))).isEqualTo("""
                # c
                serverAddr = '127.0.0.1'
                serverPort = 7000
                auth.token = 't'
                loginFailExit = true
                log.level = 'info'
                transport.tcpMux = false
                transport.tls.enable = true
                transport.poolCount = 5
                proxies = [{name = 'bench', type = 'tcp', localIP = '127.0.0.1', localPort = 5201, remotePort = 6000}]
                """);
    }

    @Test
    void vhostModePublishesAnHttpProxyForTheBenchDomainAndTlsOffIsWritten() {
        assertThat(FrpToml.render("c", FrpToml.client(TransportMode.VHOST_HTTP, CLIENT)))
                .contains("proxies = [{name = 'bench', type = 'http', localIP = '127.0.0.1', localPort = 5201, "
                        + "customDomains = ['bench.test']}]\n")
                .doesNotContain("remotePort");
        assertThat(FrpToml.render("c", FrpToml.server(TransportMode.VHOST_HTTP, SERVER))).contains("vhostHTTPPort = 8080\n");
        assertThat(FrpToml.render("c", FrpToml.server(TransportMode.MUX_PLAIN, SERVER))).doesNotContain("vhostHTTPPort");
        assertThat(FrpToml.render("c", FrpToml.client(TransportMode.MUX_PLAIN, CLIENT))).contains(
                "transport.tcpMux = true\ntransport.tls.enable = false\ntransport.poolCount = 0\n");
    }

    /** jfrp's own keys: the self-signed certificate's directory, and the window switch only when it is off. */
    @Test
    void jfrpKeysFollowTheFrpKeys() throws Exception {
        Map<String, Object> server = FrpToml.server(TransportMode.MUX_TLS_FIXED_WINDOW, SERVER);
        server.putAll(FrpToml.jfrpKeys(TransportMode.MUX_TLS_FIXED_WINDOW, "/tmp/x"));
        assertThat(FrpToml.render("c", server)).endsWith("""
                transport.maxPoolCount = 5
                jfrp.selfSignedDir = '/tmp/x'
                jfrp.mux.window-auto-tuning = 'off'
                """);
        assertThat(FrpToml.jfrpKeys(TransportMode.MUX_TLS, null)).isEmpty();
        // any string survives: Jackson picks the TOML quoting
        assertThat(new TomlMapper().readTree(FrpToml.render("c", Map.of("a", "it's \"q\" \\ x"))).get("a")
                .asText()).isEqualTo("it's \"q\" \\ x");
    }

    @Test
    void stockFrp070AcceptsEveryModesFiles() throws Exception {
        requireStockFrp();
        List<TransportMode> modes = new ArrayList<>(PathCatalog.JFRP_MODES);
        modes.add(TransportMode.MUX_TLS_FIXED_WINDOW);
        modes.addAll(PathCatalog.JFRP_TRANSPORT_MODES);
        for (TransportMode mode : modes) {
            assertThat(verify("frps", FrpToml.server(mode, SERVER))).as(mode.name()).contains("syntax is ok");
            assertThat(verify("frpc", FrpToml.client(mode, CLIENT))).as(mode.name()).contains("syntax is ok");
        }
        Map<String, Object> misspelt = new LinkedHashMap<>(FrpToml.client(TransportMode.MUX_TLS, CLIENT));
        misspelt.put("transport.tcpMuxx", true);
        assertThat(verify("frpc", misspelt)).contains("unknown field \"tcpMuxx\"");
    }

    @Test
    void frpHomeIsTheOptionThenFrpHomeThenTheSharedPeers() throws IOException {
        Path root = Files.createDirectories(dir.resolve("project"));
        assertThat(PathCatalog.frpHome(Path.of("/opt/frp"), "/env/frp", root)).isEqualTo(Path.of("/opt/frp"));
        assertThat(PathCatalog.frpHome(null, "/env/frp", root)).isEqualTo(Path.of("/env/frp"));
        assertThat(PathCatalog.frpHome(null, " ", root)).isNull();
        Path shared = fakeFrp(root.resolve(PathCatalog.SHARED_FRP).normalize(), "0.70.0");
        assertThat(PathCatalog.frpHome(null, null, root)).isEqualTo(shared);
        assertThat(PathCatalog.frpMissing(shared)).isEmpty();
    }

    @Test
    void frpBefore052IsMissingWithTheReason() throws IOException {
        Path old = fakeFrp(dir.resolve("old"), "0.51.3");
        assertThat(PathCatalog.frpMissing(old)).singleElement().asString().startsWith("frp 0.52.0 or later (")
                .contains("has 0.51.3, which reads only the legacy INI");
        assertThat(PathCatalog.frpMissing(dir.resolve("none"))).singleElement().asString()
                .startsWith("frps and frpc (not both executable in");
        assertThat(PathCatalog.all(old)).filteredOn(f -> f.name().startsWith("frp-") && !f.optIn())
                .extracting(PathFactory::name).containsExactly("frp-mux-tls", "frp-pool-tls");
        assertThat(PathCatalog.all(old)).filteredOn(f -> f.name().startsWith("frp-") && f.optIn())
                .extracting(PathFactory::name).containsExactly("frp-mux-tls-v2", "frp-ws-tls", "frp-kcp-tls", "frp-quic");
        assertThat(PathCatalog.all(old)).filteredOn(f -> f.name().startsWith("frp-"))
                .allSatisfy(f -> assertThat(f.missingTools()).isNotEmpty());
    }

    static void requireStockFrp() {
        if (!Files.isExecutable(STOCK_FRP.resolve("frps")) || !Files.isExecutable(STOCK_FRP.resolve("frpc"))) {
            RequiredTools.missing("stock frp 0.70.0 is not at " + STOCK_FRP + " (set FRP_HOME or put it at ../shared/peers)");
        }
    }

    /** {@code frps|frpc verify -c FILE}: its output (exit status 0 expected unless the output says why). */
    private String verify(String program, Map<String, Object> keys) throws Exception {
        Path file = Files.createTempFile(dir, program, ".toml");
        Files.writeString(file, FrpToml.render("test", keys), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(STOCK_FRP.resolve(program).toString(), "verify", "-c", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue() == 0).as(out).isEqualTo(out.contains("syntax is ok"));
        return out;
    }

    /** A directory with frps and frpc scripts whose {@code --version} prints {@code version}. */
    private static Path fakeFrp(Path home, String version) throws IOException {
        Files.createDirectories(home);
        for (String p : List.of("frps", "frpc")) {
            Path f = home.resolve(p);
            Files.writeString(f, "#!/bin/sh\necho " + version + "\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }
}

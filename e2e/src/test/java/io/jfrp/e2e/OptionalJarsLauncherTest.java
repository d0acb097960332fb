package io.jfrp.e2e;

import io.jfrp.testkit.FreePorts;
import io.jfrp.testkit.LoggedProcess;
import io.jfrp.testkit.Patience;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jars only some features need (Bouncy Castle, the OIDC stack, MINA SSHD, Micrometer and
 * Prometheus, Jackson's YAML: {@code server/target/lib/optional}, {@code client/target/lib/optional}) stay off the
 * class path of jfrps and jfrpc as the launchers start them, until a feature adds them
 * ({@code io.jfrp.classpath.OptionalJars}; docs/PERFORMANCE.md, "Memory and start-up"): an idle pair with one
 * tcp proxy has none of them on its class path, open, or loaded a class from them; and the features that need them
 * still work through the launchers (the metrics endpoint, the SSH tunnel gateway, a YAML
 * configuration, wire v2's XChaCha20-Poly1305; {@code jfrps certs}: {@link UnsignedBouncyCastleJarsTest}).
 */
class OptionalJarsLauncherTest {
    private static final Path ROOT = Launchers.ROOT;
    /** The packages of the optional jars' classes. */
    private static final List<String> OPTIONAL_PACKAGES = List.of("org.bouncycastle.", "com.nimbusds.",
            "net.minidev.", "org.apache.sshd.", "io.micrometer.", "io.prometheus.", "org.HdrHistogram.",
            "org.yaml.snakeyaml.", "com.fasterxml.jackson.dataformat.yaml.");

    @BeforeAll
    static void programsBuilt() throws Exception {
        Launchers.buildBoth();
        assertThat(optionalJars("server")).as("server/target/lib/optional")
                .anyMatch(n -> n.startsWith("bcprov-")).anyMatch(n -> n.startsWith("sshd-core-"))
                .anyMatch(n -> n.startsWith("micrometer-core-")).anyMatch(n -> n.startsWith("nimbus-jose-jwt-"));
        assertThat(optionalJars("client")).as("client/target/lib/optional")
                .anyMatch(n -> n.startsWith("bcprov-")).anyMatch(n -> n.startsWith("oauth2-oidc-sdk-"));
    }

    @Test
    void anIdlePairWithOneProxyHasNoOptionalJar(@TempDir Path dir) throws Exception {
        try (EchoService echo = new EchoService()) {
            int bind = FreePorts.next();
            int remote = FreePorts.next();
            try (LoggedProcess server = launch("jfrps", dir, Launchers.serverToml(bind, "optional-jars"));
                 LoggedProcess client = launchWhenListening(bind, server, "jfrpc", dir, clientToml(bind, echo.port(), remote, ""))) {
                Launchers.awaitListening(remote, client);
                assertEchoes(remote);

                assertNoOptionalJar(server, "server", dir.resolve("jfrps-classes.log"));
                assertNoOptionalJar(client, "client", dir.resolve("jfrpc-classes.log"));
            }
        }
    }

    @Test
    void theMetricsEndpointAddsItsJars(@TempDir Path dir) throws Exception {
        int bind = FreePorts.next();
        int web = FreePorts.next();
        try (LoggedProcess server = launch("jfrps", dir, """
                bindAddr = "127.0.0.1"
                bindPort = %d
                auth.token = "optional-jars"
                webServer.addr = "127.0.0.1"
                webServer.port = %d
                enablePrometheus = true
                """.formatted(bind, web))) {
            Launchers.awaitListening(bind, server);
            Launchers.awaitListening(web, server);

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
            assertThat(metrics.body()).contains("frp_server_client_counts 0");
            assertThat(Files.readString(dir.resolve("jfrps-classes.log"))).contains(
                    "source: file:" + ROOT.resolve("server/target/lib/optional") + "/micrometer-core-");
        }
    }

    @Test
    void theSshTunnelGatewayAddsItsJars(@TempDir Path dir) throws Exception {
        int bind = FreePorts.next();
        int ssh = FreePorts.next();
        try (LoggedProcess server = launch("jfrps", dir, """
                bindAddr = "127.0.0.1"
                bindPort = %d
                auth.token = "optional-jars"
                sshTunnelGateway.bindPort = %d
                sshTunnelGateway.autoGenPrivateKeyPath = "%s"
                """.formatted(bind, ssh, dir.resolve("ssh_host_key")))) {
            Launchers.awaitListening(bind, server);
            Launchers.awaitListening(ssh, server);

            // MINA SSHD answers with its identification line.
            try (Socket socket = new Socket("127.0.0.1", ssh)) {
                socket.setSoTimeout(Patience.WAIT_MILLIS);
                socket.getOutputStream().write("SSH-2.0-OptionalJarsTest\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readLine(socket.getInputStream())).startsWith("SSH-2.0-");
            }
            assertThat(Files.readString(dir.resolve("jfrps-classes.log"))).contains(
                    "source: file:" + ROOT.resolve("server/target/lib/optional") + "/sshd-core-");
        }
    }

    @Test
    void aYamlConfigurationAndWireV2AddTheirJars(@TempDir Path dir) throws Exception {
        try (EchoService echo = new EchoService()) {
            int bind = FreePorts.next();
            int remote = FreePorts.next();
            try (LoggedProcess server = launch("jfrps", dir, "jfrps.yaml", """
                    bindAddr: "127.0.0.1"
                    bindPort: %d
                    proxyBindAddr: "127.0.0.1"
                    auth:
                      token: "optional-jars"
                    """.formatted(bind));
                 LoggedProcess client = launchWhenListening(bind, server, "jfrpc", dir, clientToml(bind, echo.port(), remote, "transport.wireProtocol = \"v2\"\n"))) {
                Launchers.awaitListening(remote, client);
                assertEchoes(remote);
                for (String program : List.of("jfrps", "jfrpc")) {
                    String module = program.equals("jfrps") ? "server" : "client";
                    assertThat(Files.readString(dir.resolve(program + "-classes.log"))).as(program)
                            .contains("source: file:" + ROOT.resolve(module + "/target/lib/optional") + "/bcprov-");
                }
                assertThat(Files.readString(dir.resolve("jfrps-classes.log"))).as("jfrps")
                        .contains("source: file:" + ROOT.resolve("server/target/lib/optional") + "/snakeyaml-");
            }
        }
    }

    /** jfrpc's file: the server on {@code bind}, {@code extra} lines, one tcp proxy from {@code remote} to {@code local}. */
    private static String clientToml(int bind, int local, int remote, String extra) {
        return Launchers.clientToml(bind, "optional-jars", extra, local, remote);
    }

    /** Starts {@code bin/PROGRAM -c DIR/PROGRAM.toml}, its class loading logged to DIR/PROGRAM-classes.log. */
    private static LoggedProcess launch(String program, Path dir, String toml) throws IOException {
        return launch(program, dir, program + ".toml", toml);
    }

    /** Starts {@code bin/PROGRAM -c DIR/FILE}, its class loading logged to DIR/PROGRAM-classes.log. */
    private static LoggedProcess launch(String program, Path dir, String file, String text) throws IOException {
        return Launchers.launch(program, dir, file, text,
                Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + dir.resolve(program + "-classes.log") + ":uptime"));
    }

    private static LoggedProcess launchWhenListening(int port, LoggedProcess server, String program, Path dir,
                                                     String toml) throws IOException {
        Launchers.awaitListening(port, server);
        return launch(program, dir, toml);
    }

    /** 64 KiB of random bytes through the tcp proxy on {@code port} come back the same. */
    private static void assertEchoes(int port) throws Exception {
        byte[] sent = new byte[64 * 1024];
        new Random(16).nextBytes(sent);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(Patience.WAIT_MILLIS);
            socket.getOutputStream().write(sent);
            byte[] got = socket.getInputStream().readNBytes(sent.length);
            assertThat(MessageDigest.getInstance("SHA-256").digest(got))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(sent));
        }
    }

    /** The running JVM has no jar of {@code module}'s lib/optional on its class path or open, nor a class of one loaded. */
    private static void assertNoOptionalJar(LoggedProcess program, String module, Path classLog) throws Exception {
        long pid = program.process().pid(); // the launcher execs java: the same process
        List<String> jars = optionalJars(module);
        String classPath = systemProperty(pid, "java.class.path");
        assertThat(classPath).as("java.class.path of %s", module).contains("jfrp-" + module + "-");
        for (String jar : jars) {
            assertThat(classPath).as("java.class.path of %s", module).doesNotContain(jar);
        }
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    open.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // gone between the listing and the read
                }
            }
        }
        assertThat(open).as("files open in %s", module).anyMatch(f -> f.endsWith(".jar"))
                .noneMatch(f -> jars.stream().anyMatch(f::endsWith));
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).as("classes %s loaded", module).hasSizeGreaterThan(1000)
                .noneMatch(line -> line.contains("/lib/optional/"))
                .noneMatch(line -> OPTIONAL_PACKAGES.stream().anyMatch(p -> line.contains("] " + p)));
    }

    /** Property {@code name} of JVM {@code pid}, read with jcmd. */
    private static String systemProperty(long pid, String name) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.system_properties")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        return out.lines().filter(l -> l.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in:\n" + out));
    }

    private static List<String> optionalJars(String module) throws IOException {
        try (Stream<Path> jars = Files.list(ROOT.resolve(module + "/target/lib/optional"))) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}

package io.jfrp.e2e;

import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.config.model.ServerTlsConfig;
import io.jfrp.e2e.netns.NetnsPrograms;
import io.jfrp.server.FrpServer;
import io.jfrp.server.transport.ServerTls;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * transport.proxyURL = "https://user:password@host:port": jfrpc speaks TLS to the proxy (an HTTP proxy,
 * tinyproxy, behind a TLS-terminating forwarder), verifies its certificate against the JVM's trusted
 * CAs and its address, as frp does with Go's, and opens its CONNECT tunnel inside. jfrpc runs as a
 * user runs it ({@code bin/jfrpc}), its trust store given by {@code JAVA_OPTS} as a Java user would.
 * Without that trust the proxy's certificate is refused and the login fails.
 */
class HttpsProxyTest extends E2eCase {
    private static final String TOKEN = "https-proxy";

    @Test
    void jfrpcTunnelsThroughAnHttpsProxyItVerifies() throws Exception {
        RequiredTools.requireOnPath("tinyproxy");
        FrpServer server = server(TOKEN, c -> c);
        int proxyPort = E2e.freePort();
        Path tinyproxyLog = dir.resolve("tinyproxy.log");
        Process tinyproxy = new ProcessBuilder("tinyproxy", "-d", "-c", write("tinyproxy.conf", """
                Port %d
                Listen 127.0.0.1
                Timeout 600
                LogLevel Info
                Allow 127.0.0.1
                ConnectPort %d
                BasicAuth jfrp s3cret
                %s
                """.formatted(proxyPort, server.address().getPort(), isRoot() ? "User nobody\nGroup nogroup" : ""))
                .toString()).redirectErrorStream(true).redirectOutput(tinyproxyLog.toFile()).start();
        closer.add(tinyproxy::destroy);
        awaitFile(tinyproxyLog, "Accepting connections");
        Path proxyTlsDir = dir.resolve("proxy-tls");
        TlsTerminator https = closer.add(new TlsTerminator(ServerTls.context(new ServerTlsConfig(false, null, null, null,
                proxyTlsDir)), new InetSocketAddress("127.0.0.1", proxyPort)));
        Path trustStore = trustStore(proxyTlsDir.resolve(SelfSignedServerCertificate.CERTIFICATE_FILE));

        EchoService echo = closer.add(new EchoService());
        int remotePort = E2e.freePort();
        String config = "serverAddr = \"127.0.0.1\"\nserverPort = " + server.address().getPort() + "\n"
                + "auth.token = \"" + TOKEN + "\"\nloginFailExit = true\n"
                + "transport.proxyURL = \"https://jfrp:s3cret@127.0.0.1:" + https.port() + "\"\n"
                + "[[proxies]]\nname = \"echo\"\ntype = \"tcp\"\nlocalIP = \"127.0.0.1\"\nlocalPort = " + echo.port()
                + "\nremotePort = " + remotePort + "\n";

        // Not trusting the proxy's certificate: refused, as Go refuses it.
        Program untrusting = jfrpc("untrusting", config, "");
        assertThat(untrusting.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(untrusting.output()).contains("the proxy https://jfrp:***@127.0.0.1:" + https.port())
                .containsIgnoringCase("certificate");
        assertThat(server.clientCount()).isZero();

        Program trusting = jfrpc("trusting", config, "-Djavax.net.ssl.trustStore=" + trustStore
                + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12");
        trusting.awaitLog("[echo] start proxy success");
        for (int i = 0; i < 2; i++) {
            TransportsTest.echoKnownLength(remotePort, 300_000, i);
        }
        assertThat(Files.readString(tinyproxyLog)).as("tinyproxy's log")
                .contains("CONNECT 127.0.0.1:" + server.address().getPort());
    }

    private record Program(Process process, Path log) {
        String output() throws Exception {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        void awaitLog(String text) throws Exception {
            awaitFile(log, text);
        }
    }

    private Program jfrpc(String name, String toml, String javaOpts) throws Exception {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(NetnsPrograms.projectRoot().resolve("bin/jfrpc").toString(), "-c",
                write(name + ".toml", toml).toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("http_proxy");
        env.put("JAVA_OPTS", javaOpts);
        Process p = pb.start();
        closer.add(() -> {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        });
        return new Program(p, log);
    }

    private static void awaitFile(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in " + log + ":\n"
                + (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)"));
    }

    private Path trustStore(Path certificate) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("proxy", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(certificate)));
        Path file = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, "changeit".toCharArray());
        }
        return file;
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}

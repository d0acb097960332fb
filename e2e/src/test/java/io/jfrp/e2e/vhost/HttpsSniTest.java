package io.jfrp.e2e.vhost;

import io.jfrp.certs.PemFiles;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eClassCase;
import io.jfrp.server.FrpServer;
import io.jfrp.config.model.VhostConfig;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.jfrp.e2e.E2e.awaitProxy;
import static io.jfrp.e2e.E2e.freePort;
import static io.jfrp.testkit.RequiredTools.requireOnPath;
import static io.jfrp.e2e.vhost.ExternalCommand.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * https proxies on vhostHTTPSPort: connections routed by the ClientHello's SNI, TLS not terminated
 * by jfrps (each local service has its own certificate, which the public client sees), checked with
 * curl and openssl s_client.
 */
class HttpsSniTest extends E2eClassCase {
    private static int httpsPort;
    private static SiteCa ca;
    private static FrpClient client;

    @BeforeAll
    static void start() throws Exception {
        ca = SiteCa.create(dir);
        TunnelTestSupport.NamedHttpServer backendB = closer.add(ca.backend("backend b", "b.test"));

        httpsPort = freePort();
        FrpServer server = closer.add(E2e.startServer(dir, "secret",
                c -> c.withVhost(VhostConfig.OFF.withHttpsPort(httpsPort))));
        client = closer.add(E2e.startClient(server.address().getPort(), "secret", List.of(
                ca.site(closer, "site-a", "backend a", "a.test"),
                ProxyBuilder.https("site-b", "127.0.0.1", backendB.port(), "b.test").build(),
                // b.test is taken: refused with the reason
                ProxyBuilder.https("site-b-again", "127.0.0.1", backendB.port(), "B.test").build())));
        assertThat(awaitProxy(client, "site-a").error()).isEmpty();
        assertThat(awaitProxy(client, "site-a").remoteAddr()).isEqualTo("a.test:" + httpsPort);
        assertThat(awaitProxy(client, "site-b").error()).isEmpty();
    }

    private static ExternalCommand.Result curl(String host) throws Exception {
        return ca.curl(host, httpsPort);
    }

    @Test
    void curlReachesTheBackendItsServerNameNames() throws Exception {
        requireOnPath("curl");
        curl("a.test").assertPrinted("backend a");

        curl("b.test").assertPrinted("backend b");
    }

    @Test
    void concurrentConnectionsEachReachTheBackendTheirNameNames() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemFiles.readCertificates(ca.caFile()).get(0));
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String host = i % 2 == 0 ? "a.test" : "b.test";
                answers.add(pool.submit(() -> get(tls, host)));
            }
            for (int i = 0; i < answers.size(); i++) {
                String body = answers.get(i).get(20, TimeUnit.SECONDS);
                assertThat(body).isEqualTo(i % 2 == 0 ? "backend a" : "backend b");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * GET / over TLS to the https port with {@code host} as SNI (verified against the CA); the body.
     * The TLS socket is made for {@code host} over a plain one to 127.0.0.1 (what curl's --resolve
     * does): the JDK keys resumable sessions by host and port and resends the cached session's SNI,
     * so a socket made for 127.0.0.1 would reuse one name's session (and SNI) for another.
     */
    private static String get(SSLContext tls, String host) throws Exception {
        try (Socket plain = new Socket("127.0.0.1", httpsPort);
             SSLSocket s = (SSLSocket) tls.getSocketFactory()
                     .createSocket(plain, host, httpsPort, true)) {
            s.setSoTimeout(10_000);
            SSLParameters params = s.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(host)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(params);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(((X509Certificate) s.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName()).contains("CN=" + host);
            assertThat(response).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void opensslSeesTheBackendsOwnCertificate() throws Exception {
        requireOnPath("openssl");
        ExternalCommand.Result r = run("openssl", "s_client", "-connect", "127.0.0.1:" + httpsPort,
                "-servername", "b.test", "-CAfile", ca.caFile().toString(), "-verify_return_error");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^subject=.*CN ?= ?b\\.test$")
                .contains("Verify return code: 0 (ok)");
    }

    @Test
    void aDomainTakenByAnotherProxyIsRefused() {
        // frps's text (its vhost router's ErrRouterConfigConflict); jfrps's log names the domain and proxy
        assertThat(awaitProxy(client, "site-b-again").error()).isEqualTo("router config conflict");
    }

    @Test
    void anUnknownServerNameIsClosedAndOtherTrafficFlows() throws Exception {
        requireOnPath("curl");
        ExternalCommand.Result unknown = curl("c.test");
        assertThat(unknown.exitCode()).as(unknown.toString()).isNotZero();
        assertThat(unknown.stderr()).containsIgnoringCase("unrecognized name");

        // Not TLS at all: closed without an answer.
        assertThat(TunnelTestSupport.exchange(httpsPort, "GET / HTTP/1.1\r\nHost: a.test\r\n\r\n")).isEmpty();

        curl("a.test").assertPrinted("backend a");
    }
}

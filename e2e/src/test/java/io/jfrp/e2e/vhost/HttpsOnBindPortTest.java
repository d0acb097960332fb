package io.jfrp.e2e.vhost;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eClassCase;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jfrp.e2e.E2e.awaitProxy;
import static io.jfrp.e2e.E2e.freePort;
import static io.jfrp.e2e.vhost.ExternalCommand.run;
import static io.jfrp.testkit.RequiredTools.requireOnPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * frp's {@code vhostHTTPSPort = bindPort}: one port for frp clients and https proxies. A TLS
 * ClientHello naming an https proxy's domain goes to that proxy (the backend's own certificate
 * answers, checked by curl against its CA); frp clients, whose ClientHello names no such domain,
 * log in on the same port; a ClientHello for an unknown name gets jfrps's own TLS.
 */
class HttpsOnBindPortTest extends E2eClassCase {
    private static int port;
    private static SiteCa ca;

    @BeforeAll
    static void start() throws Exception {
        ca = SiteCa.create(dir);
        port = freePort();
        FrpServer server = closer.add(E2e.startServer(dir, "secret",
                c -> c.withBindPort(port).withVhost(VhostConfig.OFF.withHttpsPort(port))));
        assertThat(server.address().getPort()).isEqualTo(port);
        // The client's TLS goes to the very port the https proxy is served on.
        FrpClient client = closer.add(E2e.startClient(port, "secret",
                List.of(ca.site(closer, "site-a", "backend a", "a.test"))));
        assertThat(awaitProxy(client, "site-a").error()).isEmpty();
        assertThat(awaitProxy(client, "site-a").remoteAddr()).isEqualTo("a.test:" + port);
    }

    @Test
    void aClientHelloForAnHttpsProxysDomainReachesItsBackend() throws Exception {
        requireOnPath("curl");
        for (int i = 0; i < 3; i++) {
            ca.curl("a.test", port).assertPrinted("backend a");
        }
    }

    @Test
    void aClientHelloForAnotherNameGetsTheFrpServersOwnTls() throws Exception {
        requireOnPath("openssl");
        ExternalCommand.Result r = run("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "other.test");
        // jfrps's self-signed certificate (CN=localhost), not a refusal of the name
        assertThat(r.stdout()).as(r.toString()).containsPattern("(?m)^subject=.*CN ?= ?localhost");
    }

    @Test
    void aSecondFrpClientLogsInOnTheSharedPortToo() throws Exception {
        try (FrpClient other = E2e.startClient(port, "secret", List.of())) {
            assertThat(other.runId()).isNotNull();
        }
    }
}

package io.jfrp.e2e;

import io.jfrp.certs.CertificateTool;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mutual TLS with a generated CA, server and client certificate: a client presenting its
 * certificate (and verifying the server's) tunnels; one without a certificate cannot log in; a
 * plain client is refused by the tlsForce server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutualTlsTest extends E2eCase {
    private static final String TOKEN = "mtls";


    @TcpMuxOnAndOff
    void onlyAClientWithACertificateFromTheCaGetsIn(boolean tcpMux) throws Exception {
        CertificateTool.MutualTlsFiles files = CertificateTool.generateMutualTlsSet(dir.resolve("pki"),
                List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux)
                .withTls(true, files.serverCertificate(), files.serverKey(), files.caCertificate()));
        int bindPort = server.address().getPort();
        EchoService echo = closer.add(new EchoService());

        // With its certificate, verifying the server against the CA: works.
        int remotePort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "echo", echo.port(), remotePort, c -> c.withTcpMux(tcpMux)
                .withTls(true, files.clientCertificate(), files.clientKey(), files.caCertificate(), null));
        E2e.assertEchoIntact(remotePort, 4 << 20, 1);

        // Without a client certificate: the handshake (or, with TLS 1.3, the first read after it)
        // fails, and so does the login.
        FrpClient noCert = echoClient(bindPort, echo.port(), c -> c.withTcpMux(tcpMux)
                .withTls(true, null, null, files.caCertificate(), null));
        assertThatThrownBy(() -> noCert.start().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                // Usually the cause is the server's TLS alert (certificate_required); when the
                // connection is reset before the alert is read it can only say the server closed it.
                .satisfies(e -> System.out.println("MutualTlsTest tcpMux=" + tcpMux + " no certificate: "
                        + causes(e.getCause()).trim()));
        assertThat(noCert.terminated()).failsWithin(Duration.ofSeconds(5));

        // Without TLS at all: refused by transport.tls.force.
        FrpClient plain = echoClient(bindPort, echo.port(), c -> c.withTcpMux(tcpMux).withTls(false, null, null, null, null));
        assertThatThrownBy(() -> plain.start().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .satisfies(e -> System.out.println("MutualTlsTest tcpMux=" + tcpMux + " plain: " + e.getCause()));
        assertThat(plain.terminated()).failsWithin(Duration.ofSeconds(5));

        assertThat(server.clientCount()).isEqualTo(1);
        // The good client was never disturbed.
        E2e.assertEchoIntact(remotePort, 1 << 20, 2);
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; t != null && i < 10; t = t.getCause(), i++) {
            b.append(t).append('\n');
        }
        return b.toString();
    }

    private FrpClient echoClient(int bindPort, int echoPort, UnaryOperator<ClientConfig> change) throws Exception {
        return client(bindPort, TOKEN, List.of(ProxyBuilder.tcp("echo", "127.0.0.1", echoPort, E2e.freePort()).build()),
                change);
    }
}

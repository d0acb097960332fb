package io.jfrp.certs;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.net.ssl.SSLHandshakeException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes over real sockets on 127.0.0.1 with every combination of server and client provider
 * (JDK, and OpenSSL when its native library loads): verification by CA and name, mutual TLS, and
 * the protocol versions. Successful connections echo 20 000 bytes, compared by SHA-256.
 */
class TlsHandshakeTest {
    static final Duration DAY = Duration.ofDays(1);
    static final SubjectAltNames SERVER_NAMES = SubjectAltNames.of(List.of("localhost", "127.0.0.1"));

    static CertificateAuthority ca;
    static CertificateAuthority otherCa;
    static CertifiedKey server;
    static CertifiedKey client;
    static CertifiedKey foreignClient;
    static final byte[] PAYLOAD = new byte[20_000];

    @BeforeAll
    static void certificates() {
        ca = CertificateAuthority.create(DAY);
        otherCa = CertificateAuthority.create(DAY);
        server = ca.issueServerCertificate(SERVER_NAMES, DAY);
        client = ca.issueClientCertificate("test-client", DAY);
        foreignClient = otherCa.issueClientCertificate("intruder", DAY);
        new Random(42).nextBytes(PAYLOAD);
    }

    /** A test run once for each (server provider, client provider) of {@link #providers()}. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "server {0}, client {1}")
    @MethodSource("providers")
    @interface EveryProviderPair {
    }

    /** (server provider, client provider): all pairs of the providers this machine has. */
    static Stream<Arguments> providers() {
        List<SslProvider> available = new ArrayList<>(List.of(SslProvider.JDK));
        if (OpenSsl.isAvailable()) {
            available.add(SslProvider.OPENSSL);
        }
        List<Arguments> pairs = new ArrayList<>();
        for (SslProvider s : available) {
            for (SslProvider c : available) {
                pairs.add(Arguments.of(s, c));
            }
        }
        return pairs.stream();
    }

    @EveryProviderPair
    void clientVerifiesServerByCaAndIpAddress(SslProvider serverProvider, SslProvider clientProvider) throws Exception {
        TlsClientContext tls = TlsContexts.client(List.of(ca.certificate()), null, null, clientProvider);
        assertThat(tls.verifiesServer()).isTrue();

        TlsEchoBed.Exchange exchange = run(serverContext(serverProvider, false), tls, "127.0.0.1");

        assertEchoed(exchange);
    }

    @EveryProviderPair
    void clientVerifiesServerByConfiguredServerName(SslProvider serverProvider, SslProvider clientProvider)
            throws Exception {
        // Dial 127.0.0.1 but expect "localhost": SNI and the name check both use the server name.
        TlsEchoBed.Exchange exchange = withOurCa(serverProvider, false, clientProvider, null, "localhost");

        assertEchoed(exchange);
    }

    @EveryProviderPair
    void negotiatesTls13ByDefault(SslProvider serverProvider, SslProvider clientProvider) throws Exception {
        TlsEchoBed.Exchange exchange = withOurCa(serverProvider, false, clientProvider, null, null);

        assertThat(exchange.client().protocol()).isEqualTo("TLSv1.3");
        assertThat(exchange.server().protocol()).isEqualTo("TLSv1.3");
    }

    @EveryProviderPair
    void acceptsTls12OnlyClient(SslProvider serverProvider, SslProvider clientProvider) throws Exception {
        SslContext tls12 = SslContextBuilder.forClient().sslProvider(clientProvider).protocols("TLSv1.2")
                .trustManager(ca.certificate()).build();

        try (TlsEchoBed bed = new TlsEchoBed(serverContext(serverProvider, false))) {
            TlsEchoBed.Exchange exchange = bed.exchange(ch -> tls12.newHandler(ch.alloc(), "127.0.0.1", bed.port()),
                    PAYLOAD);
            assertEchoed(exchange, "TLSv1.2");
        }
    }

    @EveryProviderPair
    void serverCertificateFromAnotherCaIsRejected(SslProvider serverProvider, SslProvider clientProvider)
            throws Exception {
        TlsClientContext tls = TlsContexts.client(List.of(otherCa.certificate()), null, null, clientProvider);

        TlsEchoBed.Exchange exchange = run(serverContext(serverProvider, false), tls, "127.0.0.1");

        assertThat(clientRejected(exchange)).containsIgnoringCase("unable to find valid certification path");
    }

    @EveryProviderPair
    void hostnameMismatchIsRejected(SslProvider serverProvider, SslProvider clientProvider) throws Exception {
        TlsEchoBed.Exchange exchange = withOurCa(serverProvider, false, clientProvider, null, "frp.example.com");

        assertThat(clientRejected(exchange)).contains("No subject alternative DNS name matching frp.example.com found");
    }

    @EveryProviderPair
    void ipAddressMismatchIsRejected(SslProvider serverProvider, SslProvider clientProvider) throws Exception {
        TlsEchoBed.Exchange exchange = withOurCa(serverProvider, false, clientProvider, null, "127.0.0.2");

        assertThat(exchange.client().success()).isFalse();
        assertThat(causeMessages(exchange.client().cause()))
                .contains("No subject alternative names matching IP address 127.0.0.2 found");
    }

    @EveryProviderPair
    void mutualTlsWithClientCertificateFromTheCa(SslProvider serverProvider, SslProvider clientProvider)
            throws Exception {
        TlsEchoBed.Exchange exchange = withOurCa(serverProvider, true, clientProvider, client, "localhost");

        assertEchoed(exchange);
    }

    @EveryProviderPair
    void mutualTlsRejectsClientWithoutCertificate(SslProvider serverProvider, SslProvider clientProvider)
            throws Exception {
        TlsEchoBed.Exchange exchange = withOurCa(serverProvider, true, clientProvider, null, "localhost");

        // Under TLS 1.3 the client may finish its side before the server rejects it; either way
        // the server's handshake fails and no byte comes back.
        assertThat(serverRejected(exchange)).containsIgnoringCase(
                serverProvider == SslProvider.JDK ? "Empty client certificate chain" : "PEER_DID_NOT_RETURN_A_CERTIFICATE");
    }

    @EveryProviderPair
    void mutualTlsRejectsClientWhoseOnlyCertificateIsFromAnotherCa(SslProvider serverProvider,
                                                                   SslProvider clientProvider) throws Exception {
        TlsEchoBed.Exchange exchange = withOurCa(serverProvider, true, clientProvider, foreignClient, "localhost");

        // The server names its CA in the CertificateRequest; the client's key manager finds no
        // certificate from it and sends none, so this ends like a client without a certificate.
        serverRejected(exchange);
    }

    @EveryProviderPair
    void mutualTlsRejectsPresentedCertificateFromAnotherCa(SslProvider serverProvider, SslProvider clientProvider)
            throws Exception {
        // A client that presents its foreign certificate anyway: the server's chain check must refuse it.
        SslContext forcing = SslContextBuilder.forClient().sslProvider(clientProvider)
                .protocols(TlsContexts.protocols(clientProvider))
                .trustManager(ca.certificate())
                .keyManager(new AlwaysPresentingKeyManager(foreignClient))
                .build();
        TlsClientContext tls = new TlsClientContext(forcing, clientProvider, true, "localhost");

        TlsEchoBed.Exchange exchange = run(serverContext(serverProvider, true), tls, "127.0.0.1");

        assertThat(serverRejected(exchange)).containsIgnoringCase("unable to find valid certification path");
    }

    @EveryProviderPair
    void unverifyingClientConnectsToSelfSignedServer(SslProvider serverProvider, SslProvider clientProvider)
            throws Exception {
        CertifiedKey selfSigned = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, DAY,
                KeyAlgorithm.EC_P256);
        TlsClientContext tls = TlsContexts.client(List.of(), null, null, clientProvider);
        assertThat(tls.verifiesServer()).isFalse();

        TlsEchoBed.Exchange exchange = run(TlsContexts.server(selfSigned, List.of(), serverProvider), tls, "127.0.0.1");

        assertEchoed(exchange);
    }

    @EveryProviderPair
    void clientPinningSelfSignedCertificateVerifiesIt(SslProvider serverProvider, SslProvider clientProvider)
            throws Exception {
        CertifiedKey selfSigned = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, DAY,
                KeyAlgorithm.EC_P256);
        CertifiedKey impostor = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, DAY,
                KeyAlgorithm.EC_P256);
        TlsClientContext pinned = TlsContexts.client(List.of(selfSigned.certificate()), null, null, clientProvider);

        assertEchoed(run(TlsContexts.server(selfSigned, List.of(), serverProvider), pinned, "127.0.0.1"));
        assertEchoed(run(TlsContexts.server(selfSigned, List.of(), serverProvider), pinned, "localhost"));
        TlsEchoBed.Exchange other = run(TlsContexts.server(impostor, List.of(), serverProvider), pinned, "127.0.0.1");
        assertThat(other.client().success()).isFalse();
    }

    @EveryProviderPair
    void rsaCertificatesWork(SslProvider serverProvider, SslProvider clientProvider) throws Exception {
        CertificateAuthority rsaCa = CertificateAuthority.create("rsa test CA", KeyAlgorithm.RSA_2048, DAY);
        CertifiedKey rsaServer = rsaCa.issueServerCertificate(SERVER_NAMES, DAY);
        CertifiedKey rsaClient = rsaCa.issueClientCertificate("rsa-client", DAY);
        SslContext serverContext = TlsContexts.server(rsaServer, List.of(rsaCa.certificate()), serverProvider);
        TlsClientContext tls = TlsContexts.client(List.of(rsaCa.certificate()), rsaClient, null, clientProvider);

        assertEchoed(run(serverContext, tls, "127.0.0.1"));
    }

    private static SslContext serverContext(SslProvider provider, boolean mutual) throws Exception {
        return TlsContexts.server(server, mutual ? List.of(ca.certificate()) : List.of(), provider);
    }

    /**
     * An exchange dialing 127.0.0.1: our server certificate ({@code mutual}: requiring a client
     * certificate from the CA) and a client that trusts the CA, presents {@code clientKey} (or none)
     * and expects {@code serverName} (null: the dialed address).
     */
    private static TlsEchoBed.Exchange withOurCa(SslProvider serverProvider, boolean mutual, SslProvider clientProvider,
                                                 CertifiedKey clientKey, String serverName) throws Exception {
        TlsClientContext tls = TlsContexts.client(List.of(ca.certificate()), clientKey, serverName, clientProvider);
        return run(serverContext(serverProvider, mutual), tls, "127.0.0.1");
    }

    private static TlsEchoBed.Exchange run(SslContext serverContext, TlsClientContext tls, String dialedHost)
            throws Exception {
        try (TlsEchoBed bed = new TlsEchoBed(serverContext)) {
            return bed.exchange(ch -> tls.newHandler(ch.alloc(), dialedHost, bed.port()), PAYLOAD);
        }
    }

    private static void assertEchoed(TlsEchoBed.Exchange exchange) throws Exception {
        assertEchoed(exchange, "TLSv1.3");
    }

    private static void assertEchoed(TlsEchoBed.Exchange exchange, String protocol) throws Exception {
        assertThat(exchange.client().cause()).as("client handshake failure").isNull();
        assertThat(exchange.server().cause()).as("server handshake failure").isNull();
        assertThat(exchange.receiveFailure()).as("receive failure").isNull();
        assertThat(exchange.client().protocol()).isEqualTo(protocol);
        assertThat(exchange.server().protocol()).isEqualTo(protocol);
        assertThat(sha256(exchange.received())).isEqualTo(sha256(PAYLOAD));
    }

    /**
     * Asserts that the client's handshake failed with an {@link SSLHandshakeException} and no byte came
     * back; returns the messages along the cause chain, for the caller's check of why.
     */
    private static String clientRejected(TlsEchoBed.Exchange exchange) {
        assertThat(exchange.client().success()).isFalse();
        assertThat(exchange.client().cause()).isInstanceOf(SSLHandshakeException.class);
        assertThat(exchange.received()).isNull();
        return causeMessages(exchange.client().cause());
    }

    /**
     * Asserts that the server's handshake failed with an {@link SSLHandshakeException}, no byte came
     * back and the client's read failed; returns the messages along the cause chain.
     */
    private static String serverRejected(TlsEchoBed.Exchange exchange) {
        assertThat(exchange.server().success()).isFalse();
        assertThat(exchange.server().cause()).isInstanceOf(SSLHandshakeException.class);
        assertThat(exchange.received()).isNull();
        assertThat(exchange.receiveFailure()).isNotNull();
        return causeMessages(exchange.server().cause());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** All messages along the cause chain, for asserting on why a handshake failed. */
    static String causeMessages(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
        }
        return out.toString();
    }
}

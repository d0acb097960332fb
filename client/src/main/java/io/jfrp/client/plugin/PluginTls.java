package io.jfrp.client.plugin;

import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.KeyAlgorithm;
import io.jfrp.certs.SelfSignedServerCertificate;
import io.jfrp.certs.SubjectAltNames;
import io.jfrp.certs.TlsContexts;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TLS of the plugins that end or start it (https2http, https2https, tls2raw; http2https, https2https
 * towards the service).
 */
public final class PluginTls {
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(3650);

    private PluginTls() {
    }

    /**
     * The certificate a plugin presents: crtPath and keyPath (PEM), or with both empty one made at
     * start and kept in memory (frp does the same), for localhost, 127.0.0.1 and ::1.
     *
     * @param alpn the protocols offered by ALPN, most preferred first; empty for none
     * @throws IOException naming the file that cannot be read
     * @throws IllegalArgumentException when only one of the two paths is set
     */
    public static SslContext server(String crtPath, String keyPath, List<String> alpn) throws IOException {
        if (crtPath.isEmpty() != keyPath.isEmpty()) {
            throw new IllegalArgumentException((crtPath.isEmpty() ? "keyPath" : "crtPath") + " is set but "
                    + (crtPath.isEmpty() ? "crtPath" : "keyPath") + " is not; give both, or neither for a "
                    + "certificate made at start");
        }
        CertifiedKey key = crtPath.isEmpty()
                ? SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, SELF_SIGNED_VALIDITY,
                        KeyAlgorithm.defaultAlgorithm())
                : CertifiedKey.load(Path.of(crtPath), Path.of(keyPath));
        SslContextBuilder builder = SslContextBuilder.forServer(key.privateKey(), key.chain())
                .sslProvider(TlsContexts.defaultProvider())
                .protocols(TlsContexts.protocols(TlsContexts.defaultProvider()));
        if (!alpn.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        return builder.build();
    }

    /** ALPN offers of an HTTPS plugin: HTTP/2 first when enabled, HTTP/1.1 always. */
    public static List<String> httpAlpn(boolean http2) {
        return http2 ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                : List.of(ApplicationProtocolNames.HTTP_1_1);
    }

    /**
     * TLS towards a local HTTPS service (http2https, https2https): its certificate is not checked, as
     * frp's {@code InsecureSkipVerify}; HTTP/1.1 only, as frp's transport offers.
     */
    public static SslContext insecureClient() throws IOException {
        return SslContextBuilder.forClient()
                .sslProvider(TlsContexts.defaultProvider())
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null)
                .build();
    }

    /**
     * TLS towards an {@code https://} URL asked of the http_proxy plugin: the JDK's trusted CAs and
     * host name verification, as Go's default transport.
     */
    public static SslContext verifyingClient() throws IOException {
        return SslContextBuilder.forClient()
                .sslProvider(TlsContexts.defaultProvider())
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
    }
}

package io.jfrp.e2e.vhost;

import io.jfrp.certs.CertificateAuthority;
import io.jfrp.certs.CertifiedKey;
import io.jfrp.certs.PemFiles;
import io.jfrp.certs.SubjectAltNames;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.e2e.E2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jfrp.e2e.vhost.ExternalCommand.run;

/**
 * A certificate authority for the https-proxy tests: its certificate written to {@code ca.pem} for
 * curl and openssl, https backends that each answer with a fixed body under a certificate for one
 * name, and curl asking a name on a port with the name resolved to 127.0.0.1.
 */
final class SiteCa {
    private final CertificateAuthority ca;
    private final Path caFile;

    private SiteCa(CertificateAuthority ca, Path caFile) {
        this.ca = ca;
        this.caFile = caFile;
    }

    /** A new CA valid for two days, its certificate in {@code dir/ca.pem}. */
    static SiteCa create(Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(Duration.ofDays(2));
        Path caFile = dir.resolve("ca.pem");
        PemFiles.writeCertificate(caFile, ca.certificate());
        return new SiteCa(ca, caFile);
    }

    Path caFile() {
        return caFile;
    }

    /** An https backend answering {@code body} under a certificate for {@code name}; the caller closes it. */
    TunnelTestSupport.NamedHttpServer backend(String body, String name) throws Exception {
        CertifiedKey key = ca.issueServerCertificate(SubjectAltNames.of(List.of(name)), Duration.ofDays(1));
        return TunnelTestSupport.NamedHttpServer.https(body, key);
    }

    /**
     * An https proxy {@code proxyName} for {@code name} whose local service is a new {@link #backend}
     * answering {@code body}; {@code closer} closes the backend.
     */
    ProxyConfig site(E2e.Closer closer, String proxyName, String body, String name) throws Exception {
        TunnelTestSupport.NamedHttpServer backend = closer.add(backend(body, name));
        return ProxyBuilder.https(proxyName, "127.0.0.1", backend.port(), name).build();
    }

    /** curl of {@code https://host:port/}, the host resolved to 127.0.0.1 and checked against this CA. */
    ExternalCommand.Result curl(String host, int port) throws Exception {
        return run("curl", "-sS", "--max-time", "10", "--resolve", host + ":" + port + ":127.0.0.1",
                "--cacert", caFile.toString(), "https://" + host + ":" + port + "/");
    }
}

package io.jfrp.server.transport;

import io.jfrp.certs.CertifiedKey;
import io.jfrp.config.model.ServerTlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Where {@link ServerTls} takes the self-signed certificate from. */
class ServerTlsTest {
    @TempDir
    Path dir;

    @Test
    void withADirectoryTheCertificateIsKeptThere() throws Exception {
        Path tls = dir.resolve("tls");
        ServerTls.context(new ServerTlsConfig(false, null, null, null, tls));

        assertThat(tls.resolve("server.crt")).isRegularFile();
        assertThat(tls.resolve("server.key")).isRegularFile();
    }

    /** jfrps run with flags and no file: a certificate in memory, the same every time, no file anywhere. */
    @Test
    void withoutADirectoryTheCertificateIsMadeInMemoryOnce() throws Exception {
        Path workingDirectory = Path.of("").toAbsolutePath();
        boolean hadDirectory = Files.exists(workingDirectory.resolve(".jfrps-tls"));
        ServerTlsConfig inMemory = new ServerTlsConfig(false, null, null, null, null);

        assertThat(ServerTls.context(inMemory).isServer()).isTrue();
        CertifiedKey key = ServerTls.key(inMemory);

        assertThat(ServerTls.key(inMemory)).as("TLS and QUIC present the same certificate").isSameAs(key);
        assertThat(key.certificate().getSubjectX500Principal()).isEqualTo(key.certificate().getIssuerX500Principal());
        assertThat(Files.exists(workingDirectory.resolve(".jfrps-tls"))).isEqualTo(hadDirectory);
    }
}

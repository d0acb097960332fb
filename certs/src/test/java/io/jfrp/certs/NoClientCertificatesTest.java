package io.jfrp.certs;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLEngine;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server's trust manager when no client CA is configured trusts nothing, whatever is shown. */
class NoClientCertificatesTest {

    @Test
    void refusesEveryChainAndAcceptsNoIssuer() throws Exception {
        X509Certificate self = SelfSignedServerCertificate.generate(SubjectAltNames.LOCALHOST, Duration.ofDays(1),
                KeyAlgorithm.EC_P256).chain().get(0);
        X509Certificate[] chain = {self};
        NoClientCertificates tm = NoClientCertificates.INSTANCE;
        assertThat(tm.getAcceptedIssuers()).isEmpty();
        assertThatThrownBy(() -> tm.checkClientTrusted(chain, "EC")).isInstanceOf(CertificateException.class)
                .hasMessageContaining("no trusted CA");
        assertThatThrownBy(() -> tm.checkClientTrusted(chain, "EC", (Socket) null)).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> tm.checkClientTrusted(chain, "EC", (SSLEngine) null)).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> tm.checkServerTrusted(chain, "EC")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> tm.checkServerTrusted(chain, "EC", (Socket) null)).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> tm.checkServerTrusted(chain, "EC", (SSLEngine) null)).isInstanceOf(CertificateException.class);
    }
}

package io.jfrp.bench.mux;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * TLS for the peer tool ONLY.
 * <ul>
 *   <li>Listening: a throw-away EC P-256 key and a self-signed certificate (CN=jfrp-mux-peer,
 *   SAN localhost/127.0.0.1), made with Bouncy Castle at start and never stored.</li>
 *   <li>Dialling: <b>trusts any certificate</b> ({@link InsecureTrustManagerFactory}) and checks no
 *   host name. That is fine for pointing two test peers at each other on one machine and wrong for
 *   anything else: it gives encryption without authentication.</li>
 * </ul>
 */
final class SelfSignedTls {
    private SelfSignedTls() {
    }

    static SslContext server() throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
        kpg.initialize(256, new SecureRandom());
        KeyPair kp = kpg.generateKeyPair();
        X500Name name = new X500Name("CN=jfrp-mux-peer");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(7))), name, kp.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
        return SslContextBuilder.forServer(kp.getPrivate(), cert).build();
    }

    /** Trust-all client context: for this test tool only (see the class comment). */
    static SslContext insecureClient() throws Exception {
        return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }
}

package io.jfrp.certs;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Builds and signs one X.509 v3 certificate with Bouncy Castle; the extensions come from a
 * {@link Profile}, so every CA, server and client certificate jfrp makes has the same shape.
 *
 * <p>Every certificate gets a random 127-bit serial number, subject and authority key
 * identifiers, and a validity that starts {@link #BACKDATE} before now, so that a peer whose clock
 * is a few minutes behind does not reject a certificate generated a moment ago. An issued
 * certificate never outlives its issuer: its end is cut to the issuer's.
 *
 * <p>Not thread-safe; make one per certificate.
 */
final class CertificateBuilder {
    /** How far before "now" validity starts, to tolerate clock differences between hosts. */
    static final Duration BACKDATE = Certificates.BACKDATE;

    /** What a certificate may be used for. */
    enum Profile {
        /** A CA that signs end-entity certificates only: CA:true with path length 0. */
        CERTIFICATE_AUTHORITY,
        /** A TLS server: serverAuth, with subjectAltNames. */
        SERVER,
        /** A TLS client for mutual TLS: clientAuth. */
        CLIENT
    }

    private final Profile profile;
    private final SecureRandom random;
    private final Clock clock;
    private String commonName;
    private PublicKey publicKey;
    private Duration validity;
    private SubjectAltNames altNames;

    CertificateBuilder(Profile profile, SecureRandom random, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    CertificateBuilder commonName(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("empty common name");
        }
        this.commonName = commonName;
        return this;
    }

    CertificateBuilder publicKey(PublicKey publicKey) {
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        return this;
    }

    CertificateBuilder validity(Duration validity) {
        this.validity = Certificates.requirePositive(validity);
        return this;
    }

    CertificateBuilder subjectAltNames(SubjectAltNames altNames) {
        this.altNames = Objects.requireNonNull(altNames, "altNames");
        return this;
    }

    /** Signs with {@code signingKey} as its own issuer: a self-signed certificate. */
    X509Certificate selfSigned(PrivateKey signingKey) {
        Objects.requireNonNull(publicKey, "publicKey not set");
        Objects.requireNonNull(commonName, "commonName not set");
        return sign(name(commonName), publicKey, null, signingKey);
    }

    /** Signs with the issuer's key; the issuer's name and key identifier go into the certificate. */
    X509Certificate signedBy(CertifiedKey issuer) {
        X509Certificate issuerCertificate = issuer.certificate();
        X500Name issuerName = X500Name.getInstance(issuerCertificate.getSubjectX500Principal().getEncoded());
        return sign(issuerName, issuerCertificate.getPublicKey(), issuerCertificate.getNotAfter(),
                issuer.privateKey());
    }

    private X509Certificate sign(X500Name issuerName, PublicKey issuerPublicKey, Date issuerNotAfter,
                                 PrivateKey signingKey) {
        Objects.requireNonNull(commonName, "commonName not set");
        Objects.requireNonNull(publicKey, "publicKey not set");
        Objects.requireNonNull(validity, "validity not set");
        if (profile == Profile.SERVER && (altNames == null || altNames.isEmpty())) {
            // Clients match the dialed host against subjectAltName only; without one nobody can verify it.
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Date notBefore = Date.from(now.minus(BACKDATE));
        Date notAfter = Date.from(now.plus(validity));
        if (issuerNotAfter != null && notAfter.after(issuerNotAfter)) {
            notAfter = issuerNotAfter;
        }
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        X500Name subject = name(commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName, serial, notBefore, notAfter, subject, publicKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerPublicKey));
            addProfileExtensions(builder);
            ContentSigner signer = new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithmFor(signingKey))
                    .setSecureRandom(random)
                    .build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            // Only standard JDK algorithms are involved; this is a broken runtime, not bad input.
            throw new IllegalStateException("cannot create certificate for " + commonName + ": " + e.getMessage(), e);
        }
    }

    private void addProfileExtensions(X509v3CertificateBuilder builder) throws CertIOException {
        switch (profile) {
            case CERTIFICATE_AUTHORITY -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            case SERVER -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                // keyEncipherment only means something for RSA (TLS 1.2 RSA key exchange).
                int usage = KeyUsage.digitalSignature | (publicKey instanceof RSAKey ? KeyUsage.keyEncipherment : 0);
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            }
            case CLIENT -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
        }
        if (altNames != null && !altNames.isEmpty()) {
            List<GeneralName> names = new ArrayList<>();
            for (String dns : altNames.dnsNames()) {
                names.add(new GeneralName(GeneralName.dNSName, dns));
            }
            for (byte[] address : altNames.rawIpAddresses()) {
                names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(address)));
            }
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(new GeneralName[0])));
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "jfrp")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }
}

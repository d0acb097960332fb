package io.jfrp.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain: what a TLS endpoint presents, or what a
 * {@link CertificateAuthority} signs with.
 *
 * <p>{@link #load} checks that the key belongs to the certificate, so a mixed-up pair of files is
 * reported when the configuration is read, not as an obscure handshake failure later.
 *
 * @param chain      the end-entity certificate first, then any intermediates; never empty
 * @param privateKey the key matching {@code chain.get(0)}
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {

    public CertifiedKey {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    /** A key with a single certificate. */
    public CertifiedKey(X509Certificate certificate, PrivateKey privateKey) {
        this(List.of(certificate), privateKey);
    }

    /** The end-entity certificate, the first of the chain. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Reads a PEM certificate chain and a PEM private key and checks that they belong together.
     *
     * @throws IOException naming the file that is unreadable, malformed, or does not match
     */
    public static CertifiedKey load(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new IOException("private key " + keyFile + " does not belong to certificate "
                    + certificateFile + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        return new CertifiedKey(chain, key);
    }

    /**
     * Writes the chain and the key as PEM, the key as PKCS#8 readable by its owner only.
     *
     * @see PemFiles#writePrivateKey
     */
    public void write(Path certificateFile, Path keyFile) throws IOException {
        PemFiles.writePrivateKey(keyFile, privateKey);
        PemFiles.writeCertificates(certificateFile, chain);
    }

    /**
     * True when {@code privateKey} is the private half of {@code publicKey}: signs a random
     * challenge and verifies it, which works the same for every key type.
     */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = KeyAlgorithm.signatureAlgorithmFor(privateKey);
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        // Never print key material.
        return "CertifiedKey[" + certificate().getSubjectX500Principal().getName() + ", "
                + privateKey.getAlgorithm() + " key]";
    }
}

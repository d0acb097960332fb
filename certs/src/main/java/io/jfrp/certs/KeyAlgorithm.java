package io.jfrp.certs;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;

/**
 * The key types jfrp generates, with the signature algorithm each one signs certificates with.
 *
 * <p>{@link #EC_P256} is the default: small keys, fast handshakes, and supported by every TLS
 * stack jfrp talks to (Go's crypto/tls in frp, the JDK, BoringSSL, OpenSSL). {@link #RSA_2048}
 * is there for peers or policies that still require RSA.
 *
 * <p>Keys come from the JDK's own providers (SunEC, SunRSASign); Bouncy Castle is used only to
 * build and encode certificates, so no security provider has to be registered globally.
 */
public enum KeyAlgorithm {
    /** ECDSA on NIST P-256 (secp256r1), signing with SHA256withECDSA. */
    EC_P256("EC", "SHA256withECDSA"),
    /** RSA with a 2048-bit modulus, signing with SHA256withRSA. */
    RSA_2048("RSA", "SHA256withRSA");

    private final String jcaName;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The default for everything jfrp generates. */
    public static KeyAlgorithm defaultAlgorithm() {
        return EC_P256;
    }

    /** Generates a fresh key pair of this type. */
    public KeyPair generateKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName);
            if (this == EC_P256) {
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            } else {
                generator.initialize(2048, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Both algorithms are mandatory in every Java SE 17 runtime.
            throw new IllegalStateException("this JVM cannot generate " + this + " keys", e);
        }
    }

    /** The JCA signature algorithm a key of this type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /**
     * The signature algorithm to sign with {@code key}: SHA-256 with ECDSA or RSA, depending on the
     * key, so a loaded CA signs with whatever key type it happens to have.
     *
     * @throws IllegalArgumentException for keys that are neither EC nor RSA
     */
    static String signatureAlgorithmFor(PrivateKey key) {
        if (key instanceof ECKey) {
            return EC_P256.signatureAlgorithm;
        }
        if (key instanceof RSAKey) {
            return RSA_2048.signatureAlgorithm;
        }
        throw new IllegalArgumentException("unsupported signing key algorithm " + key.getAlgorithm()
                + " (expected EC or RSA)");
    }
}

package io.jfrp.certs;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * The key manager of a server context: the one {@link CertifiedKey} a jfrps presents, under one
 * alias, chosen by the same rules as the JDK's {@code SunX509} key manager, which Netty would
 * otherwise build around it (docs/PERFORMANCE.md, "Memory and start-up").
 *
 * <p>Why it exists: handed a key and its chain, Netty puts them in an in-memory key store and
 * wraps the JDK's {@code SunX509KeyManagerImpl} (with BoringSSL it ignores
 * {@code io.netty.handler.ssl.openssl.useKeyManagerFactory}). That key manager hashes the issuers'
 * names of every chain when it is built, and hashing an {@link X500Principal} canonicalises the
 * name with {@link java.text.Normalizer}: 33 {@code jdk.internal.icu} classes and the
 * normalisation data, besides the key store's, loaded on every start of jfrps and resident for
 * its lifetime, to choose among one key.
 *
 * <p>The rules ({@code SunX509KeyManagerImpl.getAliases} of Java 17): a key type such as
 * {@code "EC"} matches when it names the algorithm of the certificate's public key; a type with a
 * signature part, such as {@code "EC_RSA"}, also needs the issuer's key (the chain's second
 * certificate) of that algorithm, or, for a chain of one, a certificate signed "with" it; when
 * issuers are given (those that are X.500 names), one of the chain's issuers must be among them.
 * Netty then asks for the chain and the key and caches what BoringSSL made of them.
 * {@code CertifiedKeyManagerTest} holds it to the JDK's. Immutable; safe from any thread.
 */
final class CertifiedKeyManager extends X509ExtendedKeyManager {
    /** The one alias; the name Netty gave the key in its key store. */
    static final String ALIAS = "key";

    private final X509Certificate[] chain;
    private final PrivateKey privateKey;

    CertifiedKeyManager(CertifiedKey key) {
        this.chain = key.chain().toArray(new X509Certificate[0]);
        this.privateKey = key.privateKey();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return matches(keyType, issuers) ? new String[]{ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return matches(keyType, issuers) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return matches(keyType, issuers) ? ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return matches(keyType, issuers) ? new String[]{ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (matches(keyType, issuers)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? privateKey : null;
    }

    private boolean matches(String keyType, Principal[] issuers) {
        if (keyType == null) {
            return false;
        }
        String sigType = null;
        int split = keyType.indexOf('_');
        if (split >= 0) {
            sigType = keyType.substring(split + 1);
            keyType = keyType.substring(0, split);
        }
        if (!keyType.equals(chain[0].getPublicKey().getAlgorithm())) {
            return false;
        }
        if (sigType != null) {
            if (chain.length > 1) {
                if (!sigType.equals(chain[1].getPublicKey().getAlgorithm())) {
                    return false;
                }
            } else if (!chain[0].getSigAlgName().toUpperCase(Locale.ENGLISH)
                    .contains("WITH" + sigType.toUpperCase(Locale.ENGLISH))) {
                return false;
            }
        }
        return issuers == null || issuedByOneOf(issuers);
    }

    /**
     * Whether a certificate of the chain was issued by one of {@code issuers}, as X.500 names; the
     * issuers that are no X.500 name are left out, and none left means any issuer will do.
     */
    private boolean issuedByOneOf(Principal[] issuers) {
        boolean anyName = false;
        for (Principal issuer : issuers) {
            X500Principal name = asX500(issuer);
            if (name == null) {
                continue;
            }
            anyName = true;
            for (X509Certificate certificate : chain) {
                if (certificate.getIssuerX500Principal().equals(name)) {
                    return true;
                }
            }
        }
        return !anyName;
    }

    private static X500Principal asX500(Principal principal) {
        if (principal instanceof X500Principal x500) {
            return x500;
        }
        try {
            return new X500Principal(principal.getName());
        } catch (IllegalArgumentException notAnX500Name) {
            return null;
        }
    }
}

package io.jfrp.certs;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A client key manager that presents its certificate whatever CAs the server asks for. Real key
 * managers send nothing when their certificate's issuer is not among the server's acceptable CAs;
 * this one makes the server's own verification of a foreign certificate testable.
 */
final class AlwaysPresentingKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";
    private final CertifiedKey key;

    AlwaysPresentingKeyManager(CertifiedKey key) {
        this.key = key;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return key.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return key.privateKey();
    }
}

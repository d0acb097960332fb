package io.jfrp.certs;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The trust manager of a server context that asks for no client certificate
 * ({@link io.netty.handler.ssl.ClientAuth#NONE}): it trusts nothing, and is never asked.
 *
 * <p>Why it exists: a server context built without a trust manager gets the platform's default
 * one, which reads and parses the JDK's whole CA store ({@code cacerts}, some 140 certificates)
 * on every start of jfrps, for a server that verifies no certificate at all (issue 16, start-up
 * time). Should it be asked all the same, it refuses, so it can never widen what is trusted.
 * Stateless; safe from any thread.
 */
final class NoClientCertificates extends X509ExtendedTrustManager {

    static final NoClientCertificates INSTANCE = new NoClientCertificates();

    private NoClientCertificates() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw refused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw refused();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw refused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw refused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw refused();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw refused();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static CertificateException refused() {
        return new CertificateException("this server verifies no client certificate (no trusted CA is configured)");
    }
}

/**
 * Certificates and TLS for jfrp: the optional TLS layer between TCP and yamux on frp control and
 * work connections (PROTOCOL.md section 2), secure by default where that costs the user nothing
 * (section 3).
 *
 * <ul>
 *   <li>{@link io.jfrp.certs.CertificateAuthority} makes a private CA and issues server and
 *       client certificates (EC P-256 by default, RSA 2048 on request) with Bouncy Castle.</li>
 *   <li>{@link io.jfrp.certs.SelfSignedServerCertificate} is what jfrps serves when no
 *       certificate is configured: generated once into a directory, reused afterwards, so
 *       clients can pin it.</li>
 *   <li>{@link io.jfrp.certs.PemFiles} and {@link io.jfrp.certs.CertifiedKey} read and write
 *       PEM, keys as PKCS#8 with owner-only permissions.</li>
 *   <li>{@link io.jfrp.certs.TlsContexts} builds Netty contexts (TLS 1.3 and 1.2, OpenSSL when
 *       available, mutual TLS when a CA is given); {@link io.jfrp.certs.TlsClientContext} makes
 *       client handlers that send SNI and check the server's name.</li>
 *   <li>{@link io.jfrp.certs.CertificateTool} is the file-level API behind the command line.</li>
 * </ul>
 *
 * <p>Bouncy Castle is used to build, encode and parse; keys, signatures and TLS use the JDK's
 * providers or netty-tcnative, and no security provider is installed globally. The one exception
 * is jfrps's self-signed certificate, made on a start: {@code JdkServerCertificate}
 * encodes it with the JDK alone ({@code Der}), since loading Bouncy Castle's signed jars there
 * cost more CPU than the rest of making the certificate.
 */
package io.jfrp.certs;

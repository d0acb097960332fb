package io.jfrp.certs;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.util.List;
import java.util.Objects;

/**
 * A client-side TLS context together with how its connections identify the server; made by
 * {@link TlsContexts#client}.
 *
 * <p>Use {@link #newHandler} for every connection rather than {@link SslContext#newHandler}
 * directly: it sets the name the server is expected to have on the engine, which decides both
 * the SNI extension sent in the ClientHello and the name the certificate is checked against.
 *
 * <h3>Which name</h3>
 * The configured server name (frp's {@code transport.tls.serverName}) when there is one,
 * otherwise the host being dialed. A DNS name is sent as SNI; an IP address is not (RFC 6066
 * forbids it) but is still verified against the certificate's IP subjectAltNames.
 *
 * <p>Immutable and thread-safe; one instance serves any number of connections.
 *
 * @param sslContext     the underlying Netty context
 * @param provider       the TLS implementation in use
 * @param verifiesServer true when the server's chain and name are verified, false for frp's unverified default
 * @param serverName     the configured server name, or null when each connection uses the host it dials (a
 *                       blank one is taken as none; surrounding white space is dropped)
 */
public record TlsClientContext(SslContext sslContext, SslProvider provider, boolean verifiesServer,
                               String serverName) {
    private static final Logger log = LoggerFactory.getLogger(TlsClientContext.class);

    /** Endpoint identification as in HTTPS (RFC 2818): subjectAltName DNS names and IPs. */
    static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    public TlsClientContext {
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(provider, "provider");
        serverName = serverName == null || serverName.isBlank() ? null : serverName.trim();
    }

    /**
     * A handler for one connection to {@code remoteHost:remotePort}, to be the first handler in
     * the pipeline. The engine gets endpoint identification {@code HTTPS} when this context
     * verifies the server, and SNI for the expected server name when it is a DNS name.
     *
     * @param remoteHost the host dialed, used when no server name was configured
     */
    public SslHandler newHandler(ByteBufAllocator allocator, String remoteHost, int remotePort) {
        String expected = expectedServerName(remoteHost);
        // The peer host given to the engine is what JSSE and Netty's OpenSSL engine verify and
        // send as SNI; no connection is made to it, so it may differ from the address dialed.
        SslHandler handler = sslContext.newHandler(allocator, expected, remotePort);
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(verifiesServer ? ENDPOINT_IDENTIFICATION : null);
        List<SNIServerName> sni = sniFor(expected);
        if (sni != null) {
            parameters.setServerNames(sni);
        }
        engine.setSSLParameters(parameters);
        return handler;
    }

    /** The name a connection to {@code remoteHost} expects the server to have. */
    String expectedServerName(String remoteHost) {
        String name = serverName != null ? serverName : remoteHost;
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no server name: configure one or pass the dialed host");
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name;
    }

    private static List<SNIServerName> sniFor(String name) {
        if (NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name)) {
            return null;
        }
        try {
            return List.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            log.debug("Not sending SNI for '{}': not a valid host name", name, e);
            return null;
        }
    }

    @Override
    public String toString() {
        return "TlsClientContext[" + TlsContexts.describe(provider) + ", "
                + (verifiesServer ? "verifies server" : "does not verify server")
                + (serverName != null ? ", server name " + serverName : "") + "]";
    }
}

package io.jfrp.client.transport;

import io.jfrp.certs.TlsClientContext;
import io.jfrp.certs.TlsContexts;
import io.jfrp.client.transport.dial.ProxyTunnel;
import io.jfrp.client.transport.dial.StreamDialers;
import io.jfrp.client.transport.quic.QuicServerTransport;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ClientTlsConfig;
import io.jfrp.config.model.TransportProtocol;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Makes the {@link ServerTransport} transport.protocol asks for: the one place that maps frp's
 * transport names to implementations. An unknown name cannot get here (the configuration refuses it).
 */
public final class ServerTransports {
    private static final Logger log = LoggerFactory.getLogger(ServerTransports.class);

    private ServerTransports() {
    }

    /**
     * The transport of {@code config}.
     *
     * @throws IOException when a TLS file cannot be read
     */
    public static ServerTransport create(ClientConfig config, ClientEventLoops loops) throws IOException {
        return create(config, loops, null);
    }

    /**
     * As {@link #create(ClientConfig, ClientEventLoops)}, with the TLS context toward an https proxy
     * (null: the JVM's trusted CAs).
     */
    public static ServerTransport create(ClientConfig config, ClientEventLoops loops, SslContext proxyTls)
            throws IOException {
        TransportProtocol protocol = config.transport().protocol();
        if (protocol == TransportProtocol.QUIC) {
            return new QuicServerTransport(config, loops);
        }
        ProxyTunnel proxy = config.transport().proxy() == null ? null
                : new ProxyTunnel(config.transport().proxy(), proxyTls);
        if (proxy != null) {
            log.info("reaching the server through the proxy {}", proxy.url());
        }
        TlsClientContext tls = protocol.tlsOn(config.tls().enable()) ? tls(config.tls()) : null;
        return new StreamServerTransport(StreamDialers.of(config, loops, tls, proxy), config.tcpMux(), config.mux(),
                loops.group());
    }

    private static TlsClientContext tls(ClientTlsConfig tls) throws IOException {
        return TlsContexts.client(tls.trustedCaFile(), tls.certFile(), tls.keyFile(), tls.serverName());
    }
}

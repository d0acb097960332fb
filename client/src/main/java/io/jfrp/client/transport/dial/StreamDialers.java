package io.jfrp.client.transport.dial;

import io.jfrp.certs.TlsClientContext;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.TransportProtocol;
import io.jfrp.client.transport.ClientEventLoops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link StreamDialer} of each transport that carries a byte stream, with its layers in frp's
 * order (frp's {@code realConnect}):
 * <table>
 *   <caption>layers by transport.protocol</caption>
 *   <tr><th>protocol</th><th>connection</th><th>layers</th></tr>
 *   <tr><td>tcp</td><td>TCP (or a proxy's tunnel)</td><td>[0x17] TLS</td></tr>
 *   <tr><td>kcp</td><td>KCP over UDP</td><td>[0x17] TLS</td></tr>
 *   <tr><td>websocket</td><td>TCP (or a proxy's tunnel)</td><td>WebSocket, then [0x17] TLS inside it</td></tr>
 *   <tr><td>wss</td><td>TCP (or a proxy's tunnel)</td><td>TLS (always; never the 0x17 byte), then WebSocket</td></tr>
 * </table>
 * TLS in brackets is there when transport.tls.enable is set.
 */
public final class StreamDialers {
    /** How long the server may take to answer the WebSocket upgrade (TLS has Netty's 10 s handshake timeout). */
    static final Duration WEBSOCKET_TIMEOUT = Duration.ofSeconds(10);

    private StreamDialers() {
    }

    /**
     * @param tls   TLS toward the server when the transport uses it (tls.enable, or wss), else null
     * @param proxy the proxyURL's tunnel, or null
     * @throws IllegalArgumentException for quic, which is no byte stream
     */
    public static StreamDialer of(ClientConfig config, ClientEventLoops loops, TlsClientContext tls, ProxyTunnel proxy) {
        TransportProtocol protocol = config.transport().protocol();
        String host = config.serverAddr();
        int port = config.serverPort();
        Connector connector = protocol == TransportProtocol.KCP
                ? new KcpConnector(host, port, loops.datagramChannel())
                : new TcpConnector(host, port, loops.socketChannel(), config.dialServerTimeout(), proxy);
        boolean firstByte = !config.tls().disableCustomTLSFirstByte();
        List<TransportLayer> layers = new ArrayList<>();
        switch (protocol) {
            case TCP, KCP -> {
                if (tls != null) {
                    layers.add(new TlsLayer(tls, host, port, firstByte));
                }
            }
            case WEBSOCKET -> {
                layers.add(new WebSocketLayer(hostPort(host, port), WEBSOCKET_TIMEOUT));
                if (tls != null) {
                    layers.add(new TlsLayer(tls, host, port, firstByte));
                }
            }
            case WSS -> {
                if (tls == null) {
                    throw new IllegalArgumentException("wss needs a TLS context");
                }
                layers.add(new TlsLayer(tls, host, port, false));
                String name = tls.serverName() != null ? tls.serverName() : host;
                layers.add(new WebSocketLayer(bracketed(name), WEBSOCKET_TIMEOUT));
            }
            case QUIC -> throw new IllegalArgumentException("quic is not dialed as a byte stream");
        }
        return new LayeredDialer(loops.group(), connector, layers);
    }

    private static String hostPort(String host, int port) {
        return bracketed(host) + ":" + port;
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}

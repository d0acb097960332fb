package io.jfrp.config.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * frpc's {@code transport.protocol}: how jfrpc carries its connections to the server. Every value
 * is one implementation of the client's {@code ServerTransport}; the server listens for all of them
 * at once (bindPort for tcp and websocket, kcpBindPort, quicBindPort).
 */
public enum TransportProtocol {
    /** TCP to bindPort, TLS when transport.tls.enable, then yamux with tcpMux (frp's default). */
    TCP,
    /** KCP over UDP to the server's kcpBindPort, then TLS and yamux as over TCP. */
    KCP,
    /** QUIC to the server's quicBindPort: its own TLS 1.3, each frp connection a QUIC stream, no yamux. */
    QUIC,
    /** A WebSocket ({@code GET /~!frp}) on bindPort; TLS and yamux run inside it. */
    WEBSOCKET,
    /** TLS first, then the same WebSocket inside it (for a TLS-terminating reverse proxy in front of frps). */
    WSS;

    /** The value of {@code transport.protocol}: the constant's name in lower case. */
    public String frpName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the transport runs over a TCP connection, and so can go through a proxyURL. */
    public boolean overTcp() {
        return this == TCP || this == WEBSOCKET || this == WSS;
    }

    /**
     * Whether TLS is on for this transport given transport.tls.enable: wss and quic always use TLS,
     * as frp does (the ClientHello of wire v2 reports the same).
     */
    public boolean tlsOn(boolean tlsEnable) {
        return tlsEnable || this == WSS || this == QUIC;
    }

    /**
     * The protocol for a {@code transport.protocol} value (empty: tcp).
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static TransportProtocol fromFrpName(String name) {
        if (name == null || name.isEmpty()) {
            return TCP;
        }
        for (TransportProtocol p : values()) {
            if (p.frpName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("transport.protocol: unknown transport '" + name + "', expected one of "
                + Arrays.stream(values()).map(p -> '"' + p.frpName() + '"').collect(Collectors.joining(", ")));
    }
}

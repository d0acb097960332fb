package io.jfrp.config.model;

import java.util.Objects;

/**
 * The transports jfrps accepts besides TCP, WebSocket and TLS on bindPort (which are always on): frps'
 * kcpBindPort, quicBindPort and transport.quic.
 *
 * @param kcpBindPort  UDP port for KCP; 0 = off. May equal bindPort (one is TCP, the other UDP)
 * @param quicBindPort UDP port for QUIC; 0 = off
 * @param quic         transport.quic
 */
public record ServerTransportConfig(int kcpBindPort, int quicBindPort, QuicOptions quic) {
    /** frp's defaults: neither KCP nor QUIC. */
    public static final ServerTransportConfig DEFAULT = new ServerTransportConfig(0, 0, QuicOptions.DEFAULT);

    public ServerTransportConfig {
        Fields.port(kcpBindPort, "kcpBindPort");
        Fields.port(quicBindPort, "quicBindPort");
        Objects.requireNonNull(quic, "quic");
        if (kcpBindPort != 0 && kcpBindPort == quicBindPort) {
            throw new IllegalArgumentException("kcpBindPort and quicBindPort are both UDP port " + kcpBindPort
                    + "; give them different ports");
        }
    }

    public ServerTransportConfig withKcpBindPort(int port) {
        return new ServerTransportConfig(port, quicBindPort, quic);
    }

    public ServerTransportConfig withQuicBindPort(int port) {
        return new ServerTransportConfig(kcpBindPort, port, quic);
    }

    public ServerTransportConfig withQuic(QuicOptions q) {
        return new ServerTransportConfig(kcpBindPort, quicBindPort, q);
    }
}

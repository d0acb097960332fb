package io.jfrp.config.model;

import io.jfrp.protocol.wire.WireProtocol;

import java.util.Objects;

/**
 * How jfrpc reaches the server, beyond TLS and tcpMux: frpc's transport.protocol, wireProtocol,
 * proxyURL and quic.
 *
 * @param protocol     transport.protocol
 * @param wireProtocol transport.wireProtocol
 * @param proxy        transport.proxyURL, else the http_proxy environment variable, when the transport runs
 *                     over TCP; null for none
 * @param quic         transport.quic (used with quic only)
 */
public record ClientTransportConfig(TransportProtocol protocol, WireProtocol wireProtocol, ProxyUrl proxy,
                                    QuicOptions quic) {
    /** frp's defaults: tcp, wire protocol v1, no proxy. */
    public static final ClientTransportConfig DEFAULT = new ClientTransportConfig(TransportProtocol.TCP,
            WireProtocol.V1, null, QuicOptions.DEFAULT);

    public ClientTransportConfig {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(wireProtocol, "wireProtocol");
        Objects.requireNonNull(quic, "quic");
        if (proxy != null && !protocol.overTcp()) {
            throw new IllegalArgumentException("transport.proxyURL cannot carry transport.protocol = \""
                    + protocol.frpName() + "\": a proxy carries TCP (tcp, websocket, wss)");
        }
    }

    public ClientTransportConfig withProtocol(TransportProtocol p) {
        return new ClientTransportConfig(p, wireProtocol, p.overTcp() ? proxy : null, quic);
    }

    public ClientTransportConfig withWireProtocol(WireProtocol w) {
        return new ClientTransportConfig(protocol, w, proxy, quic);
    }

    public ClientTransportConfig withProxy(ProxyUrl p) {
        return new ClientTransportConfig(protocol, wireProtocol, p, quic);
    }

    public ClientTransportConfig withQuic(QuicOptions q) {
        return new ClientTransportConfig(protocol, wireProtocol, proxy, q);
    }
}

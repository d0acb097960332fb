package io.jfrp.protocol.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a client needs to speak wire protocol v2 on its control stream
 * ({@link WirePipelines#addClientControlCodec}). Immutable.
 *
 * @param secret     the key schedule's input keying material: the auth token's UTF-8 bytes (empty
 *                   with OIDC and no token); copied
 * @param algorithms the AEADs offered, in order of preference ({@link AeadAlgorithm#preferredOrder()})
 * @param bootstrap  what the ClientHello says about the transport (informational)
 */
public record ClientWireSettings(byte[] secret, List<AeadAlgorithm> algorithms, ClientHello.Bootstrap bootstrap) {
    public ClientWireSettings {
        secret = secret.clone();
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty() || algorithms.size() != algorithms.stream().distinct().count()) {
            throw new IllegalArgumentException("offer each AEAD at most once, at least one: " + algorithms);
        }
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /**
     * Stock frpc's behaviour for {@code token}: both AEADs in the CPU's preference order.
     *
     * @param transport frpc's {@code transport.protocol} ("tcp", "kcp", "quic", "websocket", "wss")
     * @param tls       whether TLS is on (tls.enable, or protocol wss or quic)
     * @param tcpMux    {@code transport.tcpMux}
     */
    public static ClientWireSettings forToken(String token, String transport, boolean tls, boolean tcpMux) {
        return new ClientWireSettings(token.getBytes(StandardCharsets.UTF_8), AeadAlgorithm.preferredOrder(),
                new ClientHello.Bootstrap(transport, tls, tcpMux));
    }

    /** These settings offering {@code offered} instead, in that order. */
    public ClientWireSettings withAlgorithms(List<AeadAlgorithm> offered) {
        return new ClientWireSettings(secret, offered, bootstrap);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "ClientWireSettings[algorithms=" + algorithms + ", bootstrap=" + bootstrap + "]";
    }
}

package io.jfrp.e2e;

import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/**
 * The transport settings jfrp is tested with against stock frp 0.70.0 in both directions (stock frpc
 * to jfrps, jfrpc to stock frps): protocol, tls, tcpMux, wire protocol, frp's 0x17 first byte.
 */
final class StockTransportMatrix {
    private StockTransportMatrix() {
    }

    /** Every case both directions run. */
    static Stream<Arguments> bothDirections() {
        return Stream.of(
                Arguments.of("tcp", true, true, "v2", false),
                Arguments.of("tcp", false, false, "v2", false),
                Arguments.of("websocket", true, true, "v1", false),
                Arguments.of("websocket", true, true, "v2", true),
                Arguments.of("websocket", false, true, "v2", false),
                Arguments.of("websocket", true, false, "v1", false),
                Arguments.of("wss", true, true, "v1", false),
                Arguments.of("wss", true, true, "v2", false),
                Arguments.of("kcp", true, true, "v1", false),
                Arguments.of("kcp", false, true, "v2", false),
                Arguments.of("quic", true, true, "v1", false),
                Arguments.of("quic", true, true, "v2", false),
                Arguments.of("quic", true, false, "v2", false));
    }

    /** The cases stock frpc runs against jfrps: both directions' and kcp with the first byte. */
    static Stream<Arguments> stockFrpcToJfrps() {
        return Stream.concat(bothDirections(), Stream.of(Arguments.of("kcp", true, true, "v2", true)));
    }
}

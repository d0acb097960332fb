/**
 * frp's websocket transport on the wire, for both programs: {@link io.jfrp.protocol.websocket.WebSocketByteStream}
 * turns the WebSocket frames of {@code GET /~!frp} into the byte stream that TLS, yamux and frp's
 * messages run on, and back. The upgrade itself is each program's (client handshaker, server
 * sniffing on bindPort).
 */
package io.jfrp.protocol.websocket;

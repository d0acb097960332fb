package io.jfrp.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The client's first frame on a v2 control stream (type 1), as stock frpc writes it:
 * <pre>
 * {"bootstrap":{"transport":"tcp","tls":true,"tcpMux":true},
 *  "capabilities":{"message":{"codecs":["json"]},
 *                  "crypto":{"algorithms":["aes-256-gcm","xchacha20-poly1305"],"clientRandom":"&lt;base64 of 32 bytes&gt;"}}}
 * </pre>
 * Objects are always written (Go never omits a struct); strings, lists, false booleans and an empty
 * random are left out when empty. Read leniently, like Go: unknown fields ignored, names matched
 * case-insensitively, null as empty. {@link HelloJson} reads and writes it.
 *
 * @param bootstrap    informational; frps ignores it
 * @param capabilities what the client can do
 */
@JsonPropertyOrder({"bootstrap", "capabilities"})
public record ClientHello(
        @JsonInclude(JsonInclude.Include.ALWAYS) Bootstrap bootstrap,
        @JsonInclude(JsonInclude.Include.ALWAYS) Capabilities capabilities) {

    public ClientHello {
        bootstrap = bootstrap == null ? new Bootstrap("", false, false) : bootstrap;
        capabilities = capabilities == null ? new Capabilities(null, null) : capabilities;
    }

    /**
     * How the client reached the server; frps ignores it.
     *
     * @param transport frpc's {@code transport.protocol} (tcp, kcp, quic, websocket, wss)
     * @param tls       TLS on ({@code transport.tls.enable}, or protocol wss or quic)
     * @param tcpMux    {@code transport.tcpMux}
     */
    @JsonPropertyOrder({"transport", "tls", "tcpMux"})
    public record Bootstrap(
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String transport,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tls,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tcpMux) {
        public Bootstrap {
            transport = transport == null ? "" : transport;
        }
    }

    /** @param message codecs; @param crypto AEADs and the client random */
    @JsonPropertyOrder({"message", "crypto"})
    public record Capabilities(
            @JsonInclude(JsonInclude.Include.ALWAYS) MessageCapabilities message,
            @JsonInclude(JsonInclude.Include.ALWAYS) CryptoCapabilities crypto) {
        public Capabilities {
            message = message == null ? new MessageCapabilities(null) : message;
            crypto = crypto == null ? new CryptoCapabilities(null, null) : crypto;
        }
    }

    /** @param codecs message codecs the client speaks; stock offers only "json" */
    public record MessageCapabilities(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> codecs) {
        public MessageCapabilities {
            codecs = codecs == null ? List.of() : List.copyOf(codecs);
        }
    }

    /**
     * @param algorithms   AEAD names in the client's order of preference
     * @param clientRandom 32 random bytes (base64 on the wire)
     */
    @JsonPropertyOrder({"algorithms", "clientRandom"})
    public record CryptoCapabilities(
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> algorithms,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) HelloRandom clientRandom) {
        public CryptoCapabilities {
            algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
            clientRandom = clientRandom == null ? HelloRandom.EMPTY : clientRandom;
        }
    }
}

package io.jfrp.protocol.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The server's answer to a ClientHello (frame type 2), as stock frps writes it:
 * <pre>
 * {"selected":{"message":{"codec":"json"},"crypto":{"algorithm":"aes-256-gcm","serverRandom":"&lt;base64 of 32 bytes&gt;"}}}
 * </pre>
 * or, when the ClientHello is unacceptable (then the server closes):
 * <pre>
 * {"selected":{"message":{"codec":"json"},"crypto":{}},"error":"no supported crypto algorithm"}
 * </pre>
 * Same JSON rules as {@link ClientHello}.
 *
 * @param selected what the server chose
 * @param error    why the server refuses, or empty
 */
@JsonPropertyOrder({"selected", "error"})
public record ServerHello(
        @JsonInclude(JsonInclude.Include.ALWAYS) Selection selected,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String error) {

    public ServerHello {
        selected = selected == null ? new Selection(null, null) : selected;
        error = error == null ? "" : error;
    }

    /** A refusal: codec "json", no crypto selection, and {@code error}. */
    public static ServerHello failure(String error) {
        return new ServerHello(new Selection(new MessageSelection(HelloNegotiation.CODEC_JSON), null), error);
    }

    /** @param message the codec; @param crypto the AEAD and the server random */
    @JsonPropertyOrder({"message", "crypto"})
    public record Selection(
            @JsonInclude(JsonInclude.Include.ALWAYS) MessageSelection message,
            @JsonInclude(JsonInclude.Include.ALWAYS) CryptoSelection crypto) {
        public Selection {
            message = message == null ? new MessageSelection(null) : message;
            crypto = crypto == null ? new CryptoSelection(null, null) : crypto;
        }
    }

    /** @param codec the message codec; always "json" */
    public record MessageSelection(@JsonInclude(JsonInclude.Include.NON_EMPTY) String codec) {
        public MessageSelection {
            codec = codec == null ? "" : codec;
        }
    }

    /**
     * @param algorithm    the AEAD the server selected
     * @param serverRandom 32 random bytes (base64 on the wire)
     */
    @JsonPropertyOrder({"algorithm", "serverRandom"})
    public record CryptoSelection(
            @JsonInclude(JsonInclude.Include.NON_EMPTY) String algorithm,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) HelloRandom serverRandom) {
        public CryptoSelection {
            algorithm = algorithm == null ? "" : algorithm;
            serverRandom = serverRandom == null ? HelloRandom.EMPTY : serverRandom;
        }
    }
}

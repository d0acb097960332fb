package io.jfrp.protocol.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelloJsonTest {
    private static final byte[] RANDOM = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            RANDOM[i] = (byte) (i * 7 + 1);
        }
    }

    private static final String B64 = Base64.getEncoder().encodeToString(RANDOM);

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void clientHelloIsWrittenAsStockFrpcWritesIt() {
        ClientHello hello = new ClientHello(new ClientHello.Bootstrap("tcp", true, true),
                new ClientHello.Capabilities(new ClientHello.MessageCapabilities(List.of("json")),
                        new ClientHello.CryptoCapabilities(List.of("aes-256-gcm", "xchacha20-poly1305"), HelloRandom.of(RANDOM))));
        assertThat(text(HelloJson.write(hello))).isEqualTo("{\"bootstrap\":{\"transport\":\"tcp\",\"tls\":true,"
                + "\"tcpMux\":true},\"capabilities\":{\"message\":{\"codecs\":[\"json\"]},\"crypto\":{\"algorithms\":"
                + "[\"aes-256-gcm\",\"xchacha20-poly1305\"],\"clientRandom\":\"" + B64 + "\"}}}");
    }

    @Test
    void emptyFieldsAreOmittedButObjectsNeverAre() {
        // Go: omitempty drops "", false, nil slices; it never drops a struct.
        assertThat(text(HelloJson.write(new ClientHello(null, null))))
                .isEqualTo("{\"bootstrap\":{},\"capabilities\":{\"message\":{},\"crypto\":{}}}");
        assertThat(text(HelloJson.write(new ClientHello(new ClientHello.Bootstrap("kcp", false, true), null))))
                .startsWith("{\"bootstrap\":{\"transport\":\"kcp\",\"tcpMux\":true}");
    }

    @Test
    void serverHelloIsWrittenAsStockFrpsWritesIt() {
        ServerHello hello = new ServerHello(new ServerHello.Selection(new ServerHello.MessageSelection("json"),
                new ServerHello.CryptoSelection("xchacha20-poly1305", HelloRandom.of(RANDOM))), "");
        assertThat(text(HelloJson.write(hello))).isEqualTo("{\"selected\":{\"message\":{\"codec\":\"json\"},"
                + "\"crypto\":{\"algorithm\":\"xchacha20-poly1305\",\"serverRandom\":\"" + B64 + "\"}}}");
    }

    @Test
    void errorServerHelloHasAnEmptyCryptoSelection() {
        assertThat(text(HelloJson.write(ServerHello.failure("no supported crypto algorithm"))))
                .isEqualTo("{\"selected\":{\"message\":{\"codec\":\"json\"},\"crypto\":{}},"
                        + "\"error\":\"no supported crypto algorithm\"}");
    }

    @Test
    void readsStockHellosAndRoundTripsThemByteForByte() {
        String ch = "{\"bootstrap\":{\"transport\":\"tcp\",\"tls\":true,\"tcpMux\":true},\"capabilities\":{\"message\":"
                + "{\"codecs\":[\"json\"]},\"crypto\":{\"algorithms\":[\"aes-256-gcm\",\"xchacha20-poly1305\"],"
                + "\"clientRandom\":\"" + B64 + "\"}}}";
        ClientHello hello = HelloJson.readClientHello(bytes(ch));
        assertThat(hello.bootstrap()).isEqualTo(new ClientHello.Bootstrap("tcp", true, true));
        assertThat(hello.capabilities().crypto().algorithms()).containsExactly("aes-256-gcm", "xchacha20-poly1305");
        assertThat(hello.capabilities().crypto().clientRandom().bytes()).isEqualTo(RANDOM);
        assertThat(text(HelloJson.write(hello))).isEqualTo(ch);

        String sh = "{\"selected\":{\"message\":{\"codec\":\"json\"},\"crypto\":{\"algorithm\":\"aes-256-gcm\","
                + "\"serverRandom\":\"" + B64 + "\"}}}";
        ServerHello server = HelloJson.readServerHello(bytes(sh));
        assertThat(server.selected().crypto()).isEqualTo(new ServerHello.CryptoSelection("aes-256-gcm", HelloRandom.of(RANDOM)));
        assertThat(server.error()).isEmpty();
        assertThat(text(HelloJson.write(server))).isEqualTo(sh);
    }

    @Test
    void readsLikeGo() {
        // Names case-insensitively, unknown fields ignored, null as empty, missing objects as empty.
        ClientHello hello = HelloJson.readClientHello(bytes("{\"CAPABILITIES\":{\"Crypto\":{\"ALGORITHMS\":"
                + "[\"xchacha20-poly1305\"],\"clientrandom\":\"" + B64 + "\",\"future\":{}},\"message\":null},"
                + "\"extra\":[1,2,3]}"));
        assertThat(hello.capabilities().crypto().algorithms()).containsExactly("xchacha20-poly1305");
        assertThat(hello.capabilities().crypto().clientRandom().bytes()).isEqualTo(RANDOM);
        assertThat(hello.capabilities().message().codecs()).isEmpty();
        assertThat(hello.bootstrap()).isEqualTo(new ClientHello.Bootstrap("", false, false));
        assertThat(HelloJson.readServerHello(bytes("{}")).selected().crypto().serverRandom().bytes()).isEmpty();
    }

    @Test
    void refusesMalformedHellosNamingWhatWasWrong() {
        assertMalformed(() -> HelloJson.readClientHello(bytes("{")), "malformed ClientHello of 1 bytes: ");
        assertMalformed(() -> HelloJson.readClientHello(bytes("null")), "malformed ClientHello of 4 bytes: null");
        assertMalformed(() -> HelloJson.readClientHello(bytes("{} x")), "malformed ClientHello of 4 bytes: ");
        assertMalformed(() -> HelloJson.readClientHello(bytes("{\"bootstrap\":{\"transport\":1}}")),
                "field bootstrap.transport: ");
        assertMalformed(() -> HelloJson.readClientHello(bytes("{\"capabilities\":{\"crypto\":{\"clientRandom\":\"!!\"}}}")),
                "field capabilities.crypto.clientRandom: ");
        assertMalformed(() -> HelloJson.readServerHello(bytes("[]")), "malformed ServerHello of 2 bytes: ");
        assertMalformed(() -> HelloJson.readServerHello(bytes("{\"error\":false}")), "field error: ");
    }

    private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WireFrameException.class, e -> {
            assertThat(e.reason()).isEqualTo(WireFrameException.Reason.MALFORMED_HELLO);
            assertThat(e.getMessage()).contains(text);
        });
    }
}

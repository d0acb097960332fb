package io.jfrp.protocol.wire;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.jfrp.protocol.wire.AeadAlgorithm.AES_256_GCM;
import static io.jfrp.protocol.wire.AeadAlgorithm.XCHACHA20_POLY1305;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelloNegotiationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<AeadAlgorithm> BOTH = EnumSet.allOf(AeadAlgorithm.class);

    private static ClientHello offer(List<String> codecs, List<String> algorithms, int randomLength) {
        return new ClientHello(new ClientHello.Bootstrap("tcp", true, true), new ClientHello.Capabilities(
                new ClientHello.MessageCapabilities(codecs),
                new ClientHello.CryptoCapabilities(algorithms, HelloRandom.of(new byte[randomLength]))));
    }

    @Test
    void clientHelloOffersJsonTheAlgorithmsInOrderAndAFreshRandom() {
        ClientHello a = HelloNegotiation.clientHello(new ClientHello.Bootstrap("tcp", true, false),
                List.of(XCHACHA20_POLY1305, AES_256_GCM), RANDOM);
        ClientHello b = HelloNegotiation.clientHello(new ClientHello.Bootstrap("tcp", true, false),
                List.of(XCHACHA20_POLY1305, AES_256_GCM), RANDOM);
        assertThat(a.capabilities().message().codecs()).containsExactly("json");
        assertThat(a.capabilities().crypto().algorithms()).containsExactly("xchacha20-poly1305", "aes-256-gcm");
        assertThat(a.capabilities().crypto().clientRandom().bytes()).hasSize(32)
                .isNotEqualTo(b.capabilities().crypto().clientRandom().bytes());
    }

    @Test
    void serverSelectsTheFirstClientAlgorithmItSupports() {
        ServerHello answer = HelloNegotiation.answer(offer(List.of("json"),
                List.of("chacha-unknown", "xchacha20-poly1305", "aes-256-gcm"), 32), BOTH, RANDOM);
        assertThat(answer.error()).isEmpty();
        assertThat(answer.selected().message().codec()).isEqualTo("json");
        assertThat(answer.selected().crypto().algorithm()).isEqualTo("xchacha20-poly1305");
        assertThat(answer.selected().crypto().serverRandom().bytes()).hasSize(32);

        // The server's own preference does not matter, only what it supports.
        assertThat(HelloNegotiation.answer(offer(List.of("cbor", "json"), List.of("aes-256-gcm", "xchacha20-poly1305"), 32),
                EnumSet.of(XCHACHA20_POLY1305), RANDOM).selected().crypto().algorithm()).isEqualTo("xchacha20-poly1305");
    }

    @Test
    void serverRefusesWithStockFrpsTexts() {
        assertThat(HelloNegotiation.answer(offer(List.of("cbor"), List.of("aes-256-gcm"), 32), BOTH, RANDOM))
                .isEqualTo(ServerHello.failure("unsupported message codec"));
        assertThat(HelloNegotiation.answer(offer(List.of("json"), List.of("aes-256-gcm"), 31), BOTH, RANDOM))
                .isEqualTo(ServerHello.failure("invalid crypto client random length 31, want 32"));
        assertThat(HelloNegotiation.answer(offer(List.of("json"), List.of("aes-256-gcm"), 0), BOTH, RANDOM))
                .isEqualTo(ServerHello.failure("invalid crypto client random length 0, want 32"));
        assertThat(HelloNegotiation.answer(offer(List.of("json"), List.of("aes-128-gcm", "AES-256-GCM"), 32), BOTH, RANDOM))
                .isEqualTo(ServerHello.failure("no supported crypto algorithm"));
        assertThat(HelloNegotiation.answer(offer(List.of("json"), List.of(), 32), BOTH, RANDOM))
                .isEqualTo(ServerHello.failure("no supported crypto algorithm"));
        assertThat(HelloNegotiation.answer(offer(List.of("json"), List.of("aes-256-gcm"), 32),
                EnumSet.of(XCHACHA20_POLY1305), RANDOM)).isEqualTo(ServerHello.failure("no supported crypto algorithm"));
    }

    @Test
    void clientAcceptsAValidSelection() {
        ClientHello sent = offer(List.of("json"), List.of("aes-256-gcm", "xchacha20-poly1305"), 32);
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            ServerHello answer = HelloNegotiation.answer(offer(List.of("json"), List.of(a.wireName()), 32), BOTH, RANDOM);
            assertThat(HelloNegotiation.accept(sent, answer)).isEqualTo(a);
        }
    }

    @Test
    void clientRefusesWhatStockFrpcRefuses() {
        ClientHello sent = offer(List.of("json"), List.of("aes-256-gcm"), 32);
        assertRefused(sent, ServerHello.failure("no supported crypto algorithm"),
                WireHandshakeException.Reason.REFUSED_BY_SERVER, "no supported crypto algorithm");
        assertRefused(sent, selection("cbor", "aes-256-gcm", 32),
                WireHandshakeException.Reason.UNSUPPORTED_CODEC, "unsupported selected message codec: cbor");
        assertRefused(sent, selection("json", "aes-128-gcm", 32),
                WireHandshakeException.Reason.UNKNOWN_ALGORITHM, "unknown selected crypto algorithm: aes-128-gcm");
        assertRefused(sent, selection("json", "xchacha20-poly1305", 32), WireHandshakeException.Reason.ALGORITHM_NOT_OFFERED,
                "selected crypto algorithm was not advertised by client: xchacha20-poly1305");
        assertRefused(sent, selection("json", "aes-256-gcm", 16),
                WireHandshakeException.Reason.INVALID_RANDOM, "invalid crypto server random length 16, want 32");
        assertRefused(sent, new ServerHello(null, null),
                WireHandshakeException.Reason.UNSUPPORTED_CODEC, "unsupported selected message codec: ");
    }

    private static ServerHello selection(String codec, String algorithm, int randomLength) {
        return new ServerHello(new ServerHello.Selection(new ServerHello.MessageSelection(codec),
                new ServerHello.CryptoSelection(algorithm, HelloRandom.of(new byte[randomLength]))), "");
    }

    private static void assertRefused(ClientHello sent, ServerHello answer, WireHandshakeException.Reason reason,
                                      String message) {
        assertThatThrownBy(() -> HelloNegotiation.accept(sent, answer))
                .isInstanceOfSatisfying(WireHandshakeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e).hasMessage(message);
                });
    }

    @Test
    void preferenceFollowsTheAesAccelerationProperty() {
        String old = System.getProperty(AeadAlgorithm.AES_ACCELERATION_PROPERTY);
        try {
            System.clearProperty(AeadAlgorithm.AES_ACCELERATION_PROPERTY);
            assertThat(AeadAlgorithm.preferredOrder()).containsExactly(AES_256_GCM, XCHACHA20_POLY1305);
            System.setProperty(AeadAlgorithm.AES_ACCELERATION_PROPERTY, "false");
            assertThat(AeadAlgorithm.preferredOrder()).containsExactly(XCHACHA20_POLY1305, AES_256_GCM);
            System.setProperty(AeadAlgorithm.AES_ACCELERATION_PROPERTY, "true");
            assertThat(AeadAlgorithm.preferredOrder()).containsExactly(AES_256_GCM, XCHACHA20_POLY1305);
        } finally {
            if (old == null) {
                System.clearProperty(AeadAlgorithm.AES_ACCELERATION_PROPERTY);
            } else {
                System.setProperty(AeadAlgorithm.AES_ACCELERATION_PROPERTY, old);
            }
        }
    }
}

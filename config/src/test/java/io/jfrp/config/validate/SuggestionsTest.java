package io.jfrp.config.validate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    private final List<String> keys = List.of("bindAddr", "bindPort", "transport.tcpMux", "transport.tls.force",
            "auth.token", "proxyBindAddr");

    @Test
    void findsTyposTranspositionsAndOtherSpellings() {
        assertThat(Suggestions.closest("bindPrt", keys)).isEqualTo("bindPort");
        assertThat(Suggestions.closest("bnidPort", keys)).isEqualTo("bindPort");
        assertThat(Suggestions.closest("BINDPORT", keys)).isEqualTo("bindPort");
        assertThat(Suggestions.closest("bind_port", keys)).isEqualTo("bindPort");
        assertThat(Suggestions.closest("tcpMux", keys)).isEqualTo("transport.tcpMux");
        assertThat(Suggestions.closest("token", keys)).isEqualTo("auth.token");
        assertThat(Suggestions.closest("transport.tls_force", keys)).isEqualTo("transport.tls.force");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(Suggestions.closest("somethingElse", keys)).isNull();
        assertThat(Suggestions.closest("x", keys)).isNull();
    }

    @Test
    void distanceCountsEditsAndTranspositions() {
        assertThat(Suggestions.distance("abc", "abc")).isZero();
        assertThat(Suggestions.distance("abc", "acb")).isEqualTo(1);
        assertThat(Suggestions.distance("abc", "")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}

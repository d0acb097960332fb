package io.jfrp.certs;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectAltNamesTest {

    @Test
    void sortsMixedListIntoNamesAndAddresses() {
        SubjectAltNames names = SubjectAltNames.of(List.of("localhost", "127.0.0.1", "Frp.Example.COM", "::1",
                "[fe80::1]"));

        assertThat(names.dnsNames()).containsExactly("localhost", "frp.example.com");
        assertThat(names.ipAddresses()).containsExactly("127.0.0.1", "::1", "fe80::1");
        assertThat(names.primaryName()).isEqualTo("localhost");
        assertThat(names.toString()).isEqualTo("DNS:localhost, DNS:frp.example.com, IP:127.0.0.1, IP:::1, IP:fe80::1");
    }

    @Test
    void encodesAddressesAsFourOrSixteenBytes() {
        SubjectAltNames names = SubjectAltNames.of(List.of(), List.of("10.0.0.1", "2001:db8::1"));

        assertThat(names.rawIpAddresses()).satisfiesExactly(
                v4 -> assertThat(v4).containsExactly(10, 0, 0, 1),
                v6 -> assertThat(v6).hasSize(16).startsWith(0x20, 0x01, 0x0d, 0xb8));
        assertThat(names.primaryName()).isEqualTo("10.0.0.1");
    }

    @Test
    void dropsDuplicatesIncludingDifferentSpellingsOfOneAddress() {
        SubjectAltNames names = SubjectAltNames.of(List.of("a.example", "A.EXAMPLE"), List.of("::1", "0:0::0:1"));

        assertThat(names.dnsNames()).containsExactly("a.example");
        assertThat(names.ipAddresses()).containsExactly("::1");
        assertThat(names).isEqualTo(SubjectAltNames.of(List.of("a.example", "::1")));
    }

    @Test
    void acceptsLeadingWildcardOnly() {
        assertThat(SubjectAltNames.of(List.of("*.frp.example.com"), List.of()).dnsNames())
                .containsExactly("*.frp.example.com");
        assertThatThrownBy(() -> SubjectAltNames.of(List.of("a.*.example.com"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.*.example.com");
        assertThatThrownBy(() -> SubjectAltNames.of(List.of("*.com"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidNamesWithTheValueInTheMessage() {
        for (String bad : List.of("under_score.example", "-lead.example", "trail-.example", "two..dots", "sp ace",
                "trailing.dot.", "x".repeat(64) + ".example")) {
            assertThatThrownBy(() -> SubjectAltNames.of(List.of(bad), List.of()))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> SubjectAltNames.of(List.of(""), List.of()))
                .hasMessageContaining("empty DNS name");
        assertThatThrownBy(() -> SubjectAltNames.of(Arrays.asList((String) null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidAddresses() {
        for (String bad : List.of("256.0.0.1", "localhost", "1.2.3", "fe80::1%eth0", "::g")) {
            assertThatThrownBy(() -> SubjectAltNames.of(List.of(), List.of(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void localhostDefaultCoversLoopbackInBothFamilies() {
        assertThat(SubjectAltNames.LOCALHOST.dnsNames()).containsExactly("localhost");
        assertThat(SubjectAltNames.LOCALHOST.ipAddresses()).containsExactly("127.0.0.1", "::1");
        assertThat(SubjectAltNames.of(List.of()).isEmpty()).isTrue();
    }
}

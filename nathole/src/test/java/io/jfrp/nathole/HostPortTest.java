package io.jfrp.nathole;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.2.3.4:80|1.2.3.4|80",
            "[2001:db8::1]:3478|2001:db8::1|3478",
            "stun.example.org:3478|stun.example.org|3478",
            ":0||0",
            "10.0.0.1:65535|10.0.0.1|65535"})
    void splitsLikeGo(String address, String host, int port) {
        HostPort hp = HostPort.parse(address);
        assertThat(hp.host()).isEqualTo(host == null ? "" : host);
        assertThat(hp.port()).isEqualTo(port);
        assertThat(hp.toString()).isEqualTo(address);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.2.3.4|missing port",
            "1.2.3.4:|invalid port \"\"",
            "1.2.3.4:+80|invalid port \"+80\"",
            "1.2.3.4:080|invalid port \"080\"",
            "1.2.3.4:65536|port 65536 above 65535",
            "1.2.3.4:123456|invalid port",
            "::1:80|too many colons",
            "[::1]80|unexpected text after ']'",
            "[::1|missing ']'",
            "a]b:80|unexpected bracket"})
    void refusesWhatFrpCouldMisreadWithAClearMessage(String address, String why) {
        assertThatThrownBy(() -> HostPort.parse(address))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + address + "\"")
                .hasMessageContaining(why);
    }

    @Test
    void formatsLikeGoJoinHostPort() throws Exception {
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("198.51.100.2"), 4000)))
                .isEqualTo("198.51.100.2:4000");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:0:0:0:1"), 1)))
                .isEqualTo("[2001:db8::1]:1");
        assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 5)))
                .isEqualTo("0.0.0.0:5");
    }

    @Test
    void convertsOnlyIpv4LiteralsWithoutLookups() {
        assertThat(HostPort.parse("203.0.113.10:3478").toInet4())
                .isEqualTo(new InetSocketAddress("203.0.113.10", 3478));
        assertThatThrownBy(() -> HostPort.parse("localhost:1").toInet4()).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> HostPort.parse("[::1]:1").toInet4()).hasMessageContaining("not an IPv4 address");
    }
}

package io.jfrp.protocol.msg;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTypeTest {

    @Test
    void typeBytesAreStockFrps() {
        // pkg/msg/msg.go: TypeLogin = 'o', TypeLoginResp = '1', ...
        String expected = "o1p2cwrsv3h4uinm56";
        StringBuilder actual = new StringBuilder();
        for (MessageType t : MessageType.values()) {
            actual.append((char) t.code());
        }
        assertThat(actual.toString()).isEqualTo(expected);
    }

    @Test
    void lookupByByte() {
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.forCode(t.code())).contains(t);
            assertThat(MessageType.forCodeOrNull(t.code())).isSameAs(t);
        }
        int known = 0;
        for (int b = 0; b < 256; b++) {
            if (MessageType.forCodeOrNull(b) != null) {
                known++;
            }
        }
        assertThat(known).isEqualTo(MessageType.values().length);
        assertThat(MessageType.forCode((byte) 'z')).isEmpty();
        assertThat(MessageType.forCode((byte) 0xff)).isEmpty();
    }

    @Test
    void eachMessageKnowsItsType() {
        assertThat(ReqWorkConn.INSTANCE.type().messageClass()).isEqualTo(ReqWorkConn.class);
        assertThat(Login.builder().build().type()).isEqualTo(MessageType.LOGIN);
        assertThat(MessageType.describe('o')).isEqualTo("'o' (0x6f)");
        assertThat(MessageType.describe(0x16)).isEqualTo("0x16");
    }

    @Test
    void messagesHoldGoZeroValuesNeverNull() {
        Login login = new Login(null, null, null, null, null, null, 0, null, null, null, null, 0);
        assertThat(login.version()).isEmpty();
        assertThat(login.metas()).isEmpty();
        assertThat(login.clientSpec()).isEqualTo(ClientSpec.EMPTY);
        NewProxy p = NewProxy.builder(null, null).build();
        assertThat(p.customDomains()).isEmpty();
        assertThat(p.headers()).isEmpty();
        assertThatThrownBy(() -> p.customDomains().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(NewProxy.builder("a", "b").metas(Map.of("b", "1", "a", "2")).build().metas().keySet())
                .containsExactly("a", "b");
        assertThatThrownBy(() -> new StartWorkConn("", "", "", 65536, 0, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("src_port");
    }

    @Test
    void udpPacketCopiesItsPayload() {
        byte[] data = {1, 2, 3};
        UdpPacket packet = new UdpPacket(data, null, null);
        data[0] = 9;
        assertThat(packet.content()).containsExactly(1, 2, 3);
        packet.content()[1] = 9;
        assertThat(packet.content()).containsExactly(1, 2, 3);
        assertThat(packet).isEqualTo(new UdpPacket(new byte[] {1, 2, 3}, null, null)).hasSameHashCodeAs(
                new UdpPacket(new byte[] {1, 2, 3}, null, null));
        assertThat(packet.toString()).contains("3 bytes (010203)");
    }

    @Test
    void udpAddrFormatsIpsLikeGo() throws Exception {
        assertThat(UdpAddr.of(new InetSocketAddress(InetAddress.getByName("::ffff:192.0.2.1"), 1)).ip())
                .isEqualTo("192.0.2.1");
        assertThat(UdpAddr.of(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 1)).ip())
                .isEqualTo("2001:db8::1:0:0:1");
        assertThat(UdpAddr.of(new InetSocketAddress(InetAddress.getByName("::"), 1)).ip()).isEqualTo("::");
        assertThat(new UdpAddr("2001:db8::1", 53, "").toSocketAddress())
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 53));
        assertThatThrownBy(() -> new UdpAddr("example.com", 53, "").toSocketAddress())
                .isInstanceOf(IllegalArgumentException.class);
    }
}

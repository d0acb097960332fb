package io.jfrp.nathole.stun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RFC 5769 test vectors (checked independently: their FINGERPRINT and MESSAGE-INTEGRITY verify
 * with the RFC's password), frp's request bytes, and each strictness rule with its message.
 */
class StunCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] RFC5769_TID = HEX.parseHex("b7e7a701bc34d686fa87dfae");

    /** RFC 5769 section 2.1: request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MI, FINGERPRINT. */
    static final String SAMPLE_REQUEST = "000100582112a442b7e7a701bc34d686fa87dfae"
            + "802200105354554e207465737420636c69656e74" + "002400046e0001ff" + "80290008932ff9b151263b36"
            + "000600096576746a3a68367659202020" + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004e57a3bcf";
    /** RFC 5769 section 2.2: IPv4 response, XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    static final String SAMPLE_IPV4_RESPONSE = "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220" + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7" + "80280004c07d4c96";
    /** RFC 5769 section 2.3: IPv6 response, XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
    static final String SAMPLE_IPV6_RESPONSE = "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220" + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41" + "80280004c8fb0b4c";

    @Test
    void rfc5769SampleRequestDecodes() throws Exception {
        StunMessage m = StunCodec.decode(HEX.parseHex(SAMPLE_REQUEST));
        assertThat(m.type()).isEqualTo(StunCodec.BINDING_REQUEST);
        assertThat(m.hasTransactionId(RFC5769_TID)).isTrue();
        assertThat(m.reflexiveAddress()).isNull();
        assertThat(m.alternateAddress()).isNull();
    }

    @Test
    void rfc5769Ipv4ResponseGivesTheXorMappedAddress() throws Exception {
        StunMessage m = StunCodec.decode(HEX.parseHex(SAMPLE_IPV4_RESPONSE));
        assertThat(m.type()).isEqualTo(StunCodec.BINDING_SUCCESS);
        assertThat(m.hasTransactionId(RFC5769_TID)).isTrue();
        assertThat(m.xorMappedAddress()).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(m.reflexiveAddress()).isEqualTo(m.xorMappedAddress());
        assertThat(m.mappedAddress()).isNull();
    }

    @Test
    void rfc5769Ipv6ResponseGivesTheXorMappedAddress() throws Exception {
        StunMessage m = StunCodec.decode(HEX.parseHex(SAMPLE_IPV6_RESPONSE));
        assertThat(m.xorMappedAddress()).isEqualTo(new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    }

    @Test
    void aFlippedBitFailsTheFingerprint() {
        byte[] data = HEX.parseHex(SAMPLE_IPV4_RESPONSE);
        data[30] ^= 0x01; // inside XOR-MAPPED-ADDRESS
        assertThatThrownBy(() -> StunCodec.decode(data)).isInstanceOf(StunFormatException.class)
                .hasMessageContaining("FINGERPRINT 0xc07d4c96 does not match");
    }

    @Test
    void bindingRequestIsFrpsTwentyBytes() {
        byte[] tid = HEX.parseHex("0102030405060708090a0b0c");
        assertThat(HEX.formatHex(StunCodec.bindingRequest(tid)))
                .isEqualTo("000100002112a442" + "0102030405060708090a0b0c");
    }

    @Test
    void readsRfc3489AndRfc5780AlternatesAndPrefersXorAndOther() throws Exception {
        // As coturn answers: XOR-MAPPED, MAPPED, RESPONSE-ORIGIN (skipped), OTHER-ADDRESS, SOFTWARE.
        byte[] coturn = message(0x0101,
                attr(0x0020, "0001" + xorPort(3478 + 1000) + xorIp("198.51.100.2")),
                attr(0x0001, "0001" + port(4478) + ip("198.51.100.2")),
                attr(0x802B, "0001" + port(3478) + ip("203.0.113.10")),
                attr(0x802C, "0001" + port(3479) + ip("203.0.113.11")),
                attr(0x8022, HEX.formatHex("Coturn".getBytes())));
        StunMessage m = StunCodec.decode(coturn);
        assertThat(m.reflexiveAddress()).isEqualTo(new InetSocketAddress("198.51.100.2", 4478));
        assertThat(m.alternateAddress()).isEqualTo(new InetSocketAddress("203.0.113.11", 3479));
        // As stund answers: MAPPED, SOURCE-ADDRESS (skipped), CHANGED-ADDRESS, no XOR.
        byte[] stund = message(0x0101,
                attr(0x0001, "0001" + port(5000) + ip("198.51.100.9")),
                attr(0x0004, "0001" + port(3478) + ip("203.0.113.10")),
                attr(0x0005, "0001" + port(3479) + ip("203.0.113.11")));
        StunMessage s = StunCodec.decode(stund);
        assertThat(s.reflexiveAddress()).isEqualTo(new InetSocketAddress("198.51.100.9", 5000));
        assertThat(s.alternateAddress()).isEqualTo(new InetSocketAddress("203.0.113.11", 3479));
    }

    @Test
    void theFirstOfRepeatedAttributesCounts() throws Exception {
        StunMessage m = StunCodec.decode(message(0x0101,
                attr(0x0001, "0001" + port(1) + ip("1.1.1.1")),
                attr(0x0001, "0001" + port(2) + ip("2.2.2.2"))));
        assertThat(m.mappedAddress()).isEqualTo(new InetSocketAddress("1.1.1.1", 1));
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnored() throws Exception {
        StunMessage m = StunCodec.decode(message(0x0101,
                attr(0x0008, "00".repeat(20)),
                attr(0x0001, "0001" + port(1) + ip("1.1.1.1"))));
        assertThat(m.mappedAddress()).isNull();
    }

    @Test
    void errorResponseCarriesItsCode() throws Exception {
        StunMessage m = StunCodec.decode(message(0x0111,
                attr(0x0009, "00000414" + HEX.formatHex("Unauthorized".getBytes()))));
        assertThat(m.type()).isEqualTo(StunCodec.BINDING_ERROR);
        assertThat(m.errorCode()).isEqualTo(420);
        assertThat(m.errorReason()).isEqualTo("Unauthorized");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            0001000021                                                       | STUN message too short: 5 bytes
            c00100002112a4420102030405060708090a0b0c                         | first byte 0xc0 has one of the top two bits set
            000100002112a4430102030405060708090a0b0c                         | magic cookie 0x2112a443, expected 0x2112a442
            000100022112a4420102030405060708090a0b0c0000                     | message length 2 is not a multiple of 4
            000100082112a4420102030405060708090a0b0c00000000                 | message length field says 8 bytes of attributes, but 4 follow
            010100042112a4420102030405060708090a0b0c00010008                 | MAPPED-ADDRESS at offset 20: length 8 (padded 8) runs past the end of the message (0 bytes left)
            0101000c2112a4420102030405060708090a0b0c000100080003000101020304 | MAPPED-ADDRESS has unknown address family 0x03
            0101000c2112a4420102030405060708090a0b0c002000080002000101020304 | XOR-MAPPED-ADDRESS length 8 does not fit its family (IPv6 needs 20)
            010100082112a4420102030405060708090a0b0c802c000200010000         | OTHER-ADDRESS length 2 is too short
            0101000c2112a4420102030405060708090a0b0c0005000c0001000001020304 | CHANGED-ADDRESS at offset 20: length 12
            010100082112a4420102030405060708090a0b0c0009000400000799         | ERROR-CODE class 7 number 153
            010100082112a4420102030405060708090a0b0c0008000400000000         | MESSAGE-INTEGRITY length 4, must be 20
            010100082112a4420102030405060708090a0b0c8028000200000000         | FINGERPRINT length 2, must be 4
            """)
    void refusesMalformedMessagesSayingWhy(String hex, String why) {
        assertThatThrownBy(() -> StunCodec.decode(HEX.parseHex(hex)))
                .isInstanceOf(StunFormatException.class).hasMessageContaining(why);
    }

    @Test
    void aGoodFingerprintPasses() throws Exception {
        byte[] m = withFingerprint(message(0x0101, attr(0x0001, "0001" + port(7) + ip("1.2.3.4"))));
        assertThat(StunCodec.decode(m).mappedAddress()).isEqualTo(new InetSocketAddress("1.2.3.4", 7));
    }

    @Test
    void fingerprintMustBeLast() {
        // Header announcing FINGERPRINT + SOFTWARE; the CRC covers that header, so it verifies.
        byte[] header = HEX.parseHex("010100102112a442" + "0102030405060708090a0b0c");
        CRC32 crc = new CRC32();
        crc.update(header);
        String fingerprint = String.format("80280004%08x", (int) crc.getValue() ^ 0x5354554E);
        byte[] m = HEX.parseHex(HEX.formatHex(header) + fingerprint + attr(0x8022, "41424344"));
        assertThatThrownBy(() -> StunCodec.decode(m)).hasMessageContaining("SOFTWARE").hasMessageContaining(
                "follows FINGERPRINT");
    }

    @Test
    void peeksTheTransactionIdOfStunOnly() {
        var stun = io.netty.buffer.Unpooled.wrappedBuffer(HEX.parseHex(SAMPLE_IPV4_RESPONSE));
        assertThat(StunCodec.peekTransactionId(stun)).isEqualTo(RFC5769_TID);
        assertThat(stun.readerIndex()).isZero();
        stun.release();
        var junk = io.netty.buffer.Unpooled.wrappedBuffer(new byte[40]);
        assertThat(StunCodec.peekTransactionId(junk)).isNull();
        junk.release();
    }

    // --- message building for tests ---

    static byte[] message(int type, String... attributes) {
        String body = String.join("", attributes);
        return HEX.parseHex(String.format("%04x%04x", type, body.length() / 2) + "2112a442"
                + "0102030405060708090a0b0c" + body);
    }

    static String attr(int type, String valueHex) {
        int length = valueHex.length() / 2;
        return String.format("%04x%04x", type, length) + valueHex + "00".repeat((4 - length % 4) % 4);
    }

    static String port(int port) {
        return String.format("%04x", port);
    }

    static String xorPort(int port) {
        return String.format("%04x", port ^ 0x2112);
    }

    static String ip(String dotted) {
        try {
            return HEX.formatHex(InetAddress.getByName(dotted).getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static String xorIp(String dotted) {
        byte[] b = HEX.parseHex(ip(dotted));
        byte[] cookie = HEX.parseHex("2112a442");
        for (int i = 0; i < 4; i++) {
            b[i] ^= cookie[i];
        }
        return HEX.formatHex(b);
    }

    static byte[] withFingerprint(byte[] message) {
        byte[] out = new byte[message.length + 8];
        System.arraycopy(message, 0, out, 0, message.length);
        int length = ((out[2] & 0xFF) << 8 | (out[3] & 0xFF)) + 8;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        CRC32 crc = new CRC32();
        crc.update(out, 0, message.length);
        int fp = (int) crc.getValue() ^ 0x5354554E;
        byte[] attr = HEX.parseHex(String.format("80280004%08x", fp));
        System.arraycopy(attr, 0, out, message.length, 8);
        return out;
    }
}

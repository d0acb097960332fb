package io.jfrp.client.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PROXY protocol header in front of a udp/sudp user's first datagram, byte for byte against the
 * specification (what go-proxyproto writes for frp 0.70): v2 with the DGRAM families, v1's UNKNOWN.
 */
class ProxyProtocolHeaderDatagramTest {
    private static final String SIGNATURE = "0d0a0d0a000d0a515549540a";

    private static String header(HAProxyProtocolVersion version, InetSocketAddress source, InetSocketAddress dest) {
        ByteBuf b = ProxyProtocolHeader.forDatagram(version, source, dest, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    @Test
    void v2OfAnIpv4UserIsUdp4WithBothAddressesAndPorts() {
        String got = header(HAProxyProtocolVersion.V2, new InetSocketAddress("203.0.113.7", 40000),
                new InetSocketAddress("127.0.0.1", 53));
        // 0x21 version 2 PROXY, 0x12 UDP over IPv4, length 12, src, dst, sport 40000, dport 53.
        assertThat(got).isEqualTo(SIGNATURE + "21" + "12" + "000c" + "cb007107" + "7f000001" + "9c40" + "0035");
    }

    @Test
    void v2OfAnIpv6UserIsUdp6AndAnIpv4ServiceIsWrittenMapped() {
        String got = header(HAProxyProtocolVersion.V2, new InetSocketAddress("2001:db8::1", 5353),
                new InetSocketAddress("127.0.0.1", 53));
        assertThat(got).isEqualTo(SIGNATURE + "21" + "22" + "0024"
                + "20010db8000000000000000000000001" + "00000000000000000000ffff7f000001" + "14e9" + "0035");
    }

    @Test
    void v1CannotSayUdpAndSaysUnknown() {
        String got = header(HAProxyProtocolVersion.V1, new InetSocketAddress("203.0.113.7", 40000),
                new InetSocketAddress("127.0.0.1", 53));
        assertThat(got).isEqualTo(HexFormat.of().formatHex("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII)));
    }
}

package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;

import java.net.InetSocketAddress;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One UDP datagram relayed over a udp/sudp work connection (frp's {@code msg.UDPPacket}, type
 * {@code 'u'}). The payload travels base64-encoded (standard alphabet, padded) in {@code c}.
 *
 * @param content    the datagram payload; never {@code null}, copied on the way in and out
 * @param localAddr  the local address ({@code l}), or {@code null} when absent
 * @param remoteAddr the user's address ({@code r}), or {@code null} when absent
 */
public record UdpPacket(
        @JsonProperty("c") byte[] content,
        @JsonProperty("l") UdpAddr localAddr,
        @JsonProperty("r") UdpAddr remoteAddr) implements Message {

    private static final byte[] NONE = new byte[0];

    /**
     * The outbound buffer bounds of a connection carrying UDPPackets: about frp's queue of 1024 packets
     * (a 1500-byte datagram is some 2 KB once base64-encoded and framed). Netty's default (64 KiB,
     * some 40 datagrams) dropped most of a 100 Mbit/s stream at the first pause of the receiving side;
     * the bound still keeps a flood from growing memory.
     */
    public static final WriteBufferWaterMark QUEUE_WATER_MARK = new WriteBufferWaterMark(1 << 20, 2 << 20);

    public UdpPacket {
        content = content == null || content.length == 0 ? NONE : content.clone();
    }

    @Override
    public byte[] content() {
        return content.length == 0 ? NONE : content.clone();
    }

    /**
     * A datagram as the side that received it passes it on: its bytes (read, not released) and the
     * user's address as {@code r}; no {@code l}, as stock frp sends none.
     */
    public static UdpPacket of(ByteBuf datagram, InetSocketAddress user) {
        return new UdpPacket(ByteBufUtil.getBytes(datagram), null, UdpAddr.of(user));
    }

    /** The payload as a read-only buffer over this packet's bytes (no copy), to send as a datagram. */
    public ByteBuf payload() {
        return Unpooled.wrappedBuffer(content).asReadOnly();
    }

    /** The payload in standard padded base64, as {@code c} carries it, without copying the payload first. */
    public byte[] contentBase64() {
        return Base64.getEncoder().encode(content);
    }

    /** The payload length, without copying it. */
    public int contentLength() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpPacket p && Arrays.equals(content, p.content)
                && Objects.equals(localAddr, p.localAddr) && Objects.equals(remoteAddr, p.remoteAddr);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(content) + Objects.hashCode(localAddr)) + Objects.hashCode(remoteAddr);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(content, 0, Math.min(content.length, 32));
        return "UdpPacket[content=" + content.length + " bytes (" + hex + (content.length > 32 ? "..." : "")
                + "), localAddr=" + localAddr + ", remoteAddr=" + remoteAddr + "]";
    }
}

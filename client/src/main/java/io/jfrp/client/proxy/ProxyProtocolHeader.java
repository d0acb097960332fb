package io.jfrp.client.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The PROXY protocol header jfrpc writes to a local service before any relayed byte
 * ({@code transport.proxyProtocolVersion}, PROTOCOL.md "PROXY protocol header written by frpc"), made by
 * Netty's codec-haproxy. The family follows the user's address (TCP4 or TCP6); a destination of the
 * other family is written in the source's (an IPv4 address as IPv4-mapped IPv6), since one header
 * carries one family.
 *
 * <p>Datagrams ({@link #forDatagram}): the udp and sudp proxies put the header in front of the first
 * datagram of each user address ({@code udp.UdpForwarder}); v1 cannot express UDP and yields
 * {@code PROXY UNKNOWN\r\n}, as frp.
 */
public final class ProxyProtocolHeader {
    private static final String ENCODER = "proxy-protocol-encoder";

    private ProxyProtocolHeader() {
    }

    /**
     * The header's version for frp's setting: {@code v1}, {@code v2}; null for empty (no header).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static HAProxyProtocolVersion version(String setting) {
        return switch (setting == null ? "" : setting.toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "v1" -> HAProxyProtocolVersion.V1;
            case "v2" -> HAProxyProtocolVersion.V2;
            default -> throw new IllegalArgumentException("transport.proxyProtocolVersion '" + setting
                    + "': must be v1 or v2");
        };
    }

    /**
     * Writes (without flushing) the header of a stream connection from {@code user} to {@code local},
     * when a version is set and the user's address is known; returns null when there is nothing to
     * write. Event loop of {@code local}.
     */
    public static ChannelFuture writeForStream(Channel local, HAProxyProtocolVersion version, UserConn user) {
        if (version == null || !user.hasSource()) {
            return null;
        }
        HAProxyMessage message = message(version, user.source(), user.destination(), false);
        local.pipeline().addFirst(ENCODER, HAProxyMessageEncoder.INSTANCE);
        try {
            return local.write(message);
        } finally {
            local.pipeline().remove(ENCODER);
        }
    }

    /**
     * The header for the first datagram from {@code source} to {@code destination} (udp, sudp): v2
     * with UDP4 or UDP6, or for v1 the text {@code PROXY UNKNOWN\r\n}. The caller releases it.
     */
    public static ByteBuf forDatagram(HAProxyProtocolVersion version, InetSocketAddress source,
                                      InetSocketAddress destination, io.netty.buffer.ByteBufAllocator alloc) {
        if (version == HAProxyProtocolVersion.V1) {
            return alloc.buffer().writeBytes("PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        HAProxyMessage message = message(version, source, destination, true);
        io.netty.channel.embedded.EmbeddedChannel encoder = new io.netty.channel.embedded.EmbeddedChannel(
                HAProxyMessageEncoder.INSTANCE);
        try {
            encoder.writeOutbound(message);
            return encoder.readOutbound();
        } finally {
            encoder.finishAndReleaseAll();
        }
    }

    static HAProxyMessage message(HAProxyProtocolVersion version, InetSocketAddress source,
                                  InetSocketAddress destination, boolean datagram) {
        InetAddress src = source.getAddress();
        InetAddress dst = destination.getAddress();
        boolean v6 = src instanceof Inet6Address;
        HAProxyProxiedProtocol protocol = datagram
                ? v6 ? HAProxyProxiedProtocol.UDP6 : HAProxyProxiedProtocol.UDP4
                : v6 ? HAProxyProxiedProtocol.TCP6 : HAProxyProxiedProtocol.TCP4;
        return new HAProxyMessage(version, HAProxyCommand.PROXY, protocol, text(src, v6), text(dst, v6),
                source.getPort(), destination.getPort());
    }

    /** {@code address} in the family of the header: IPv4 as-is or IPv4-mapped; IPv6 to IPv4 when mapped. */
    private static String text(InetAddress address, boolean v6) {
        if (v6 && address instanceof Inet4Address) {
            return "::ffff:" + address.getHostAddress();
        }
        if (!v6 && address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            return mapped ? (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff)
                    : "0.0.0.0";
        }
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}

package io.jfrp.client.proxy;

import io.jfrp.protocol.msg.StartWorkConn;

import java.net.InetSocketAddress;

/**
 * The user connection a work connection carries, as the server described it in StartWorkConn.
 *
 * @param proxyName   the proxy's wire name
 * @param source      the user's address as the server saw it; null when StartWorkConn had none (frp
 *                    writes a PROXY header and passes the address on only when src_addr is set and
 *                    src_port is not zero)
 * @param destination the server's address the user connected to; 127.0.0.1 port 0 when StartWorkConn
 *                    had none (an http proxy's), as frp fills it in
 */
public record UserConn(String proxyName, InetSocketAddress source, InetSocketAddress destination) {
    /** The user connection of {@code start}. Addresses are literal IPs: nothing is resolved. */
    public static UserConn of(StartWorkConn start) {
        if (start.srcAddr().isEmpty() || start.srcPort() == 0) {
            return new UserConn(start.proxyName(), null, null);
        }
        String dst = start.dstAddr().isEmpty() ? "127.0.0.1" : start.dstAddr();
        return new UserConn(start.proxyName(), literal(start.srcAddr(), start.srcPort()), literal(dst, start.dstPort()));
    }

    /** Whether the user's address is known. */
    public boolean hasSource() {
        return source != null;
    }

    private static InetSocketAddress literal(String ip, int port) {
        try {
            // Only IP literals come from the server; InetAddress.ofLiteral is Java 22, so check here.
            if (!ip.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')) {
                return InetSocketAddress.createUnresolved(ip, port);
            }
            return new InetSocketAddress(java.net.InetAddress.getByName(ip), port);
        } catch (java.net.UnknownHostException e) {
            return InetSocketAddress.createUnresolved(ip, port);
        }
    }
}

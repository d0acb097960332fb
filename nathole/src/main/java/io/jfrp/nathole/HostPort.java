package io.jfrp.nathole;

import io.netty.util.NetUtil;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An {@code "ip:port"} address as frp writes it in {@code mapped_addrs}, {@code assisted_addrs} and
 * {@code candidate_addrs}: Go's {@code net.JoinHostPort(ip.String(), port)}, so IPv4 in dotted form
 * and IPv6 in brackets, compressed as RFC 5952 says ({@code "[2001:db8::1]:3478"}).
 *
 * <p>Parsing follows Go's {@code net.SplitHostPort} for what stock frp produces, and is stricter
 * where a hostile peer could make frp disagree with itself: the port must be decimal digits without
 * a sign or leading zeros, at most 65535, so that comparing port strings (as frp's classification
 * does) and comparing numbers give the same answer.
 *
 * @param host the host part without brackets, as written (not resolved)
 * @param port the port, 0 to 65535
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Splits {@code "host:port"} or {@code "[host]:port"}.
     *
     * @throws IllegalArgumentException naming the address and what is wrong with it
     */
    public static HostPort parse(String address) {
        Objects.requireNonNull(address, "address");
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw bad(address, "missing port");
        }
        String host;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                throw bad(address, "missing ']'");
            }
            if (close + 1 != colon) {
                throw bad(address, close + 1 == address.length() ? "missing port" : "unexpected text after ']'");
            }
            host = address.substring(1, close);
        } else {
            host = address.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw bad(address, "too many colons (IPv6 addresses need brackets)");
            }
            if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
                throw bad(address, "unexpected bracket");
            }
        }
        return new HostPort(host, parsePort(address, address.substring(colon + 1)));
    }

    private static int parsePort(String address, String text) {
        if (text.isEmpty() || text.length() > 5 || (text.length() > 1 && text.charAt(0) == '0')) {
            throw bad(address, "invalid port \"" + text + "\"");
        }
        int port = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(address, "invalid port \"" + text + "\"");
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            throw bad(address, "port " + port + " above 65535");
        }
        return port;
    }

    private static IllegalArgumentException bad(String address, String why) {
        return new IllegalArgumentException("address \"" + address + "\": " + why);
    }

    /** frp's text for a socket address: Go's {@code JoinHostPort(ip.String(), port)}. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        return of(ip, address.getPort()).toString();
    }

    /** The address {@code ip:port} in frp's text form. */
    public static HostPort of(InetAddress ip, int port) {
        return new HostPort(NetUtil.toAddressString(ip), port);
    }

    /** Whether the host is an IPv4 literal. */
    public boolean isIpv4() {
        return NetUtil.isValidIpV4Address(host);
    }

    /**
     * The IPv4 socket address, without any name lookup.
     *
     * @throws IllegalArgumentException if the host is not an IPv4 literal
     */
    public InetSocketAddress toInet4() {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null || bytes.length != 4) {
            throw new IllegalArgumentException("address \"" + this + "\": not an IPv4 address");
        }
        try {
            return new InetSocketAddress((Inet4Address) InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an address", e);
        }
    }

    /** {@code host:port}, with brackets when the host holds a colon. */
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}

package io.jfrp.protocol.msg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;

/**
 * A UDP address as Go's {@code net.UDPAddr} marshals it: {@code {"IP":"1.2.3.4","Port":53,"Zone":""}}.
 * Go writes all three fields (the struct has no JSON tags, hence the capitalised names) and the IP
 * in its text form: dotted quad for IPv4 (also IPv4-mapped IPv6), RFC 5952 for IPv6, {@code ""} for
 * no IP.
 *
 * @param ip   the address text as on the wire
 * @param port the port
 * @param zone IPv6 zone (interface name), usually empty
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UdpAddr(
        @JsonProperty("IP") String ip,
        @JsonProperty("Port") int port,
        @JsonProperty("Zone") String zone) {

    public UdpAddr {
        ip = Values.str(ip);
        zone = Values.str(zone);
    }

    /** The wire form of a resolved socket address, formatted the way Go formats {@code net.IP}. */
    public static UdpAddr of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        String zone = "";
        if (ip instanceof Inet6Address v6) {
            NetworkInterface nif = v6.getScopedInterface();
            if (nif != null) {
                zone = nif.getName();
            } else if (v6.getScopeId() != 0) {
                zone = Integer.toString(v6.getScopeId());
            }
        }
        return new UdpAddr(NetUtil.toAddressString(ip), address.getPort(), zone);
    }

    /**
     * This address as a socket address, without any name lookup.
     *
     * @throws IllegalArgumentException if {@code ip} is not an IP address literal
     */
    public InetSocketAddress toSocketAddress() {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address: '" + ip + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + ip + "'", e);
        }
    }
}

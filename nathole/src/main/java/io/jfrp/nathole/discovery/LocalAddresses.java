package io.jfrp.nathole.discovery;

import io.netty.util.NetUtil;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * This host's addresses as frp's {@code ListLocalIPsForNatHole} picks them: IPv4 only, no loopback,
 * no link-local (169.254/16) or link-local multicast, at most {@code max}, in interface order (by
 * index, as Go's {@code net.InterfaceAddrs} lists them on Linux). Interfaces that are down count
 * too, as in frp.
 */
public final class LocalAddresses implements LocalIpSource {
    /** frp's limit on assisted addresses. */
    public static final int MAX_ASSISTED = 10;
    private static final LocalAddresses INSTANCE = new LocalAddresses();

    private LocalAddresses() {
    }

    /** The source reading this host's interfaces. */
    public static LocalIpSource system() {
        return INSTANCE;
    }

    @Override
    public List<String> localIps(int max) throws IOException {
        if (max <= 0) {
            throw new IllegalArgumentException("maxItems must be greater than 0");
        }
        List<NetworkInterface> interfaces = new ArrayList<>(NetworkInterface.networkInterfaces().toList());
        interfaces.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        List<String> ips = new ArrayList<>();
        for (NetworkInterface nif : interfaces) {
            for (var ifAddress : nif.getInterfaceAddresses()) {
                if (ips.size() >= max) {
                    return ips;
                }
                InetAddress ip = ifAddress.getAddress();
                if (usable(ip)) {
                    ips.add(NetUtil.toAddressString(ip));
                }
            }
        }
        return ips;
    }

    /** frp's filter: IPv4, not loopback, not link-local unicast or multicast. */
    static boolean usable(InetAddress ip) {
        return ip instanceof Inet4Address && !ip.isLoopbackAddress() && !ip.isLinkLocalAddress()
                && !isLinkLocalMulticast(ip);
    }

    /** 224.0.0.0/24, Go's {@code IsLinkLocalMulticast} for IPv4. */
    private static boolean isLinkLocalMulticast(InetAddress ip) {
        byte[] b = ip.getAddress();
        return (b[0] & 0xFF) == 224 && b[1] == 0 && b[2] == 0;
    }
}

package io.jfrp.nathole.discovery;

import io.jfrp.nathole.HostPort;
import io.jfrp.nathole.NatFeature;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The text {@code frpc nathole discover} prints, line for line, so that {@code jfrpc nathole
 * discover} can print the same and users can compare the two:
 * <pre>
 * STUN server: stun.easyvoip.com:3478
 * Your NAT type is: EasyNAT
 * Behavior is: BehaviorNoChange
 * External address is: [198.51.100.2:40000 198.51.100.2:40000]
 * Local address is: 0.0.0.0:40000
 * Public Network: false
 * </pre>
 */
public final class DiscoveryReport {
    private DiscoveryReport() {
    }

    /**
     * @param stunServer   the server as configured
     * @param mappedAddrs  the mapped addresses (printed like a Go slice)
     * @param localAddress the discovery socket's address
     * @param feature      the classification
     */
    public static String format(String stunServer, List<String> mappedAddrs, InetSocketAddress localAddress,
                                NatFeature feature) {
        return "STUN server: " + stunServer + "\n"
                + "Your NAT type is: " + feature.natType().wireName() + "\n"
                + "Behavior is: " + feature.behavior().wireName() + "\n"
                + "External address is: [" + String.join(" ", mappedAddrs) + "]\n"
                + "Local address is: " + HostPort.format(localAddress) + "\n"
                + "Public Network: " + feature.publicNetwork() + "\n";
    }
}

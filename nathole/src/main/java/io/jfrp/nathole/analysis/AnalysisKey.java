package io.jfrp.nathole.analysis;

import io.jfrp.nathole.HostPort;
import io.jfrp.nathole.NatFeature;
import io.jfrp.protocol.crypto.Digests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The key under which the analyzer remembers a pair of NATs (frp's {@code Session.genAnalysisKey}):
 * hex MD5 of, for the visitor then the client, the first mapped IP, the NAT type, the behaviour and
 * whether the port change is regular ({@code "true"}/{@code "false"}). So scores are shared by every
 * session between the same two public IPs with the same NAT kinds, and never across other pairs.
 */
public final class AnalysisKey {
    private AnalysisKey() {
    }

    /** The key for a visitor and a client with these mapped addresses and features. */
    public static String of(List<String> visitorMapped, NatFeature visitor, List<String> clientMapped,
                            NatFeature client) {
        MessageDigest md5 = Digests.required("MD5");
        side(md5, visitorMapped, visitor);
        side(md5, clientMapped, client);
        return HexFormat.of().formatHex(md5.digest());
    }

    private static void side(MessageDigest md5, List<String> mapped, NatFeature feature) {
        String firstIp = firstIp(mapped);
        if (firstIp != null) {
            md5.update(firstIp.getBytes(StandardCharsets.UTF_8));
        }
        md5.update(feature.natType().wireName().getBytes(StandardCharsets.UTF_8));
        md5.update(feature.behavior().wireName().getBytes(StandardCharsets.UTF_8));
        md5.update(Boolean.toString(feature.regularPortsChange()).getBytes(StandardCharsets.UTF_8));
    }

    /** The IP of the first address that parses (frp's {@code parseIPs}, compacted, first). */
    static String firstIp(List<String> addrs) {
        for (String a : addrs) {
            try {
                return HostPort.parse(a).host();
            } catch (IllegalArgumentException e) {
                // frp's parseIPs skips what it cannot split
            }
        }
        return null;
    }
}

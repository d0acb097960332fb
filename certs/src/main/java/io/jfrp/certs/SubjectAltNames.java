package io.jfrp.certs;

import io.netty.util.NetUtil;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a server certificate is valid for: DNS names and IP addresses, validated up front.
 *
 * <p>TLS clients (Go's crypto/tls in frp, the JDK with endpoint identification, browsers) match the
 * host they dialed against the subjectAltName extension only; the subject's common name is ignored.
 * A server certificate therefore needs every name and address clients will use, for example
 * {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the public name of the server.
 *
 * <p>Immutable; duplicates are dropped and the order of first appearance is kept (the first DNS
 * name, or else the first address, becomes the certificate's common name).
 */
public final class SubjectAltNames {
    /** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** The names a self-signed certificate for the local machine gets when none are given. */
    public static final SubjectAltNames LOCALHOST = of(List.of("localhost", "127.0.0.1", "::1"));

    private final List<String> dnsNames;
    private final List<byte[]> ipAddresses;
    private final List<String> ipAddressStrings;

    private SubjectAltNames(List<String> dnsNames, List<byte[]> ipAddresses, List<String> ipAddressStrings) {
        this.dnsNames = List.copyOf(dnsNames);
        this.ipAddresses = List.copyOf(ipAddresses);
        this.ipAddressStrings = List.copyOf(ipAddressStrings);
    }

    /**
     * Sorts a mixed list into DNS names and IP addresses: anything that parses as an IPv4 or IPv6
     * literal is an address, everything else must be a valid DNS name (optionally with a leading
     * {@code *.} wildcard label).
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static SubjectAltNames of(Collection<String> namesOrAddresses) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (String value : namesOrAddresses) {
            if (value != null && NetUtil.createByteArrayFromIpAddressString(stripBrackets(value.trim())) != null) {
                ips.add(value);
            } else {
                dns.add(value);
            }
        }
        return of(dns, ips);
    }

    /**
     * DNS names and IP addresses given separately; either list may be empty.
     *
     * @throws IllegalArgumentException naming the first invalid entry
     */
    public static SubjectAltNames of(Collection<String> dnsNames, Collection<String> ipAddresses) {
        Set<String> dns = new LinkedHashSet<>();
        for (String name : dnsNames) {
            dns.add(validateDnsName(name));
        }
        List<byte[]> raw = new ArrayList<>();
        Set<String> text = new LinkedHashSet<>();
        for (String address : ipAddresses) {
            String trimmed = address == null ? null : stripBrackets(address.trim());
            byte[] bytes = trimmed == null ? null : NetUtil.createByteArrayFromIpAddressString(trimmed);
            if (bytes == null || trimmed.indexOf('%') >= 0) {
                throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + address + "'");
            }
            // Normalised text form, so "::0:1" and "::1" count as one address.
            if (text.add(NetUtil.bytesToIpAddress(bytes))) {
                raw.add(bytes);
            }
        }
        return new SubjectAltNames(new ArrayList<>(dns), raw, new ArrayList<>(text));
    }

    private static String stripBrackets(String value) {
        return value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
    }

    private static String validateDnsName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("empty DNS name");
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.length() > 253) {
            throw new IllegalArgumentException("DNS name longer than 253 characters: '" + name + "'");
        }
        String[] labels = lower.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            boolean wildcard = i == 0 && labels.length > 2 && labels[0].equals("*");
            if (!wildcard && !LABEL.matcher(labels[i]).matches()) {
                throw new IllegalArgumentException("not a valid DNS name: '" + name
                        + "' (labels are letters, digits and inner hyphens; only a leading '*.' wildcard)");
            }
        }
        return lower;
    }

    /** The DNS names, lower case, in the order given. */
    public List<String> dnsNames() {
        return dnsNames;
    }

    /** The IP addresses in normalised text form (for example {@code 127.0.0.1}, {@code ::1}). */
    public List<String> ipAddresses() {
        return ipAddressStrings;
    }

    /** The IP addresses as 4 or 16 raw bytes, as they are encoded in the certificate. */
    List<byte[]> rawIpAddresses() {
        return ipAddresses.stream().map(byte[]::clone).toList();
    }

    /** True when there are neither names nor addresses. */
    public boolean isEmpty() {
        return dnsNames.isEmpty() && ipAddresses.isEmpty();
    }

    /** The first DNS name, or else the first address: what the certificate's common name shows. */
    String primaryName() {
        if (!dnsNames.isEmpty()) {
            return dnsNames.get(0);
        }
        return ipAddressStrings.isEmpty() ? null : ipAddressStrings.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectAltNames other && dnsNames.equals(other.dnsNames)
                && ipAddressStrings.equals(other.ipAddressStrings);
    }

    @Override
    public int hashCode() {
        return dnsNames.hashCode() * 31 + ipAddressStrings.hashCode();
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        dnsNames.forEach(n -> all.add("DNS:" + n));
        ipAddressStrings.forEach(a -> all.add("IP:" + a));
        return String.join(", ", all);
    }
}

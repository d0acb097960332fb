package io.jfrp.testkit.netns;


import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A small internet in network namespaces, built on {@link NetnsLab}:
 * <pre>
 *   host-a (10.1.0.2) -- nat-a [198.18.1.2] --+
 *   host-b (10.2.0.2) -- nat-b [198.18.2.2] --+-- wan (router; STUN on 203.0.113.10 and .11)
 *   pub    [198.19.0.2] ----------------------+
 * </pre>
 * Shared by e2e's nathole.XtcpNetnsTest and its xtcp tests. Each site is a private host behind its own NAT router: {@code MASQUERADE} with the kernel's
 * port-preserving mapping (endpoint independent while ports are free: frp's EasyNAT), or with
 * {@code --random-fully} / {@code --random} (a new random port per destination: HardNAT). Like a
 * home router, a NAT drops unsolicited packets to itself from the WAN side. The public host has no
 * NAT. Addresses are documentation and benchmark ranges that exist only inside these namespaces.
 */
public final class NatTopology implements AutoCloseable {
    public static final String STUN_PRIMARY = "203.0.113.10";
    public static final String STUN_ALTERNATE = "203.0.113.11";
    public static final int STUN_PORT = 3478;

    /** How a site's router maps ports. */
    public enum Nat {
        /** Plain MASQUERADE: the source port is kept when free (endpoint-independent mapping). */
        PORT_PRESERVING(),
        /** MASQUERADE --random-fully: a random port for every new flow. */
        RANDOM_FULLY("--random-fully"),
        /** MASQUERADE --random: a hashed random port per flow. */
        RANDOM("--random");

        final String[] flags;

        Nat(String... flags) {
            this.flags = flags;
        }
    }

    /** One private host behind its NAT. */
    public record Site(String name, Nat nat, String natNs, String hostNs, String publicIp, String lanIp) {
    }

    private final NetnsLab lab;
    private final String wan;
    private final String pub;
    private final Map<String, Site> sites = new LinkedHashMap<>();

    private NatTopology(NetnsLab lab, String wan, String pub) {
        this.lab = lab;
        this.wan = wan;
        this.pub = pub;
    }

    /** Builds the WAN, the public host and one site per entry (at most 9); tears down on failure. */
    public static NatTopology build(Map<String, Nat> siteNats) throws IOException {
        NetnsLab lab = new NetnsLab("nathole");
        try {
            String wan = lab.namespace("wan");
            lab.forwarding(wan);
            lab.address(wan, "lo", STUN_PRIMARY + "/32");
            lab.address(wan, "lo", STUN_ALTERNATE + "/32");
            String pub = lab.namespace("pub");
            lab.link(wan, "pub0", "198.19.0.1/24", pub, "eth0", "198.19.0.2/24");
            lab.defaultRoute(pub, "198.19.0.1");
            NatTopology t = new NatTopology(lab, wan, pub);
            int i = 1;
            for (var e : siteNats.entrySet()) {
                t.addSite(e.getKey(), e.getValue(), i++);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            try {
                lab.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void addSite(String name, Nat nat, int i) throws IOException {
        String natNs = lab.namespace("nat" + name);
        String hostNs = lab.namespace("host" + name);
        String publicIp = "198.18." + i + ".2";
        String lanIp = "10." + i + ".0.2";
        lab.link(wan, "s" + i, "198.18." + i + ".1/24", natNs, "wan0", publicIp + "/24");
        lab.link(natNs, "lan0", "10." + i + ".0.1/24", hostNs, "eth0", lanIp + "/24");
        lab.forwarding(natNs);
        lab.defaultRoute(natNs, "198.18." + i + ".1");
        lab.defaultRoute(hostNs, "10." + i + ".0.1");
        String[] masquerade = {"-t", "nat", "-A", "POSTROUTING", "-o", "wan0", "-j", "MASQUERADE"};
        String[] rule = new String[masquerade.length + nat.flags.length];
        System.arraycopy(masquerade, 0, rule, 0, masquerade.length);
        System.arraycopy(nat.flags, 0, rule, masquerade.length, nat.flags.length);
        lab.iptables(natNs, rule);
        lab.iptables(natNs, "-A", "INPUT", "-i", "wan0", "-j", "DROP");
        sites.put(name, new Site(name, nat, natNs, hostNs, publicIp, lanIp));
    }

    public Site site(String name) {
        return sites.get(name);
    }

    public String publicHost() {
        return pub;
    }

    public String publicHostIp() {
        return "198.19.0.2";
    }

    public NetnsLab lab() {
        return lab;
    }

    /** coturn as a STUN-only server on both addresses: RFC 5780, OTHER-ADDRESS = 203.0.113.11:3479. */
    public void startCoturn(Path log) throws IOException, InterruptedException {
        lab.start(wan, log, "turnserver", "--stun-only", "-n", "--no-cli", "--no-tls", "--no-dtls", "--no-tcp",
                "--listening-ip", STUN_PRIMARY, "--listening-ip", STUN_ALTERNATE, "--listening-port",
                String.valueOf(STUN_PORT), "--log-file", "stdout", "--simple-log",
                "--pidfile", log.resolveSibling("turnserver.pid").toString());
        awaitUdp(STUN_PRIMARY + ":" + STUN_PORT, STUN_ALTERNATE + ":" + (STUN_PORT + 1));
    }

    /** stund (RFC 3489): MAPPED-ADDRESS and CHANGED-ADDRESS, on port 3490 and 3491. */
    public void startStund(Path log) throws IOException, InterruptedException {
        lab.start(wan, log, "stund", "-h", STUN_PRIMARY, "-a", STUN_ALTERNATE, "-p", "3490", "-o", "3491");
        awaitUdp(STUN_PRIMARY + ":3490", STUN_ALTERNATE + ":3491");
    }

    private void awaitUdp(String... endpoints) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String listening = lab.exec(wan, "ss", "-H", "-u", "-l", "-n");
            boolean all = true;
            for (String e : endpoints) {
                all &= listening.contains(e);
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("STUN server not listening on " + String.join(", ", endpoints)
                        + " after 10 s; ss shows:\n" + listening);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Forgets the UDP mappings of a site's router, as their timeout would (UDP mappings last 30 to
     * 180 s on Linux; TCP connections kept alive stay).
     */
    public void flushUdpMappings(Site site) throws IOException {
        lab.exec(site.natNs(), "sh", "-c", "conntrack -D -p udp >/dev/null 2>&1 || true");
    }

    /** Forgets every NAT mapping of a site's router, as a router reboot or a mapping timeout would. */
    public void flushConntrack(Site site) throws IOException {
        lab.exec(site.natNs(), "conntrack", "-F");
    }

    @Override
    public void close() throws IOException {
        lab.close();
    }
}

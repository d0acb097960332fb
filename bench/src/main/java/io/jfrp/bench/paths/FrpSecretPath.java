package io.jfrp.bench.paths;

import io.jfrp.bench.BenchContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * jfrp or stock frp publishing a service through the proxy types of issue 11 ({@link Kind}) with frp's
 * default transport. Up when the server accepts, the owner has started each proxy and the visitor
 * client says its visitors listen or, for xtcp, the tunnel is up: nothing goes through the tunnel
 * before the scenario's own connections.
 */
public final class FrpSecretPath extends FrpPath {
    /**
     * What the path carries. UDP: a service on TCP and UDP at one port (iperf3 -s: TCP control, UDP
     * data) through a tcp and a udp proxy on one remotePort. STCP: a TCP service through an stcp proxy
     * and an stcp visitor of a second client, whose bindPort is the public side. SUDP: through an stcp
     * and an sudp proxy and visitor. XTCP_*: through an xtcp proxy and visitor peer to peer.
     */
    public enum Kind {
        UDP(null, "tcp", "udp"), STCP(null, "stcp"), SUDP(null, "stcp", "sudp"), XTCP_QUIC("quic", "xtcp"),
        XTCP_KCP("kcp", "xtcp");

        /** xtcp's protocol between the peers, or null. */
        private final String xtcpProtocol;
        /** The types of the proxies "bench" and "bench-udp"; every secret one gets a visitor. */
        private final List<String> types;

        Kind(String xtcpProtocol, String... types) {
            this.xtcpProtocol = xtcpProtocol;
            this.types = List.of(types);
        }

        boolean xtcp() {
            return xtcpProtocol != null;
        }

        /** In the path's name: "udp", "xtcp-quic". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final String SECRET = "bench-secret";

    private final Kind kind;
    /** From the visitor client's start until it was ready (listening; for xtcp: the tunnel up). */
    private volatile Duration setup;
    /** xtcp: the STUN server the clients ask. */
    private String stunServer;

    /** With frp's default transport (tcpMux and TLS), everything on loopback. */
    public FrpSecretPath(Programs programs, Kind kind, BenchContext ctx) {
        super(programs.family() + "-" + kind.label(), programs, TransportMode.MUX_TLS, Placement.LOOPBACK, ctx);
        this.kind = kind;
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) throws Exception {
        String token = UUID.randomUUID().toString();
        if (kind.xtcp()) {
            stunServer = startStun();
        }
        int bindPort = startServer(token, 0);
        InetSocketAddress pub = new InetSocketAddress(Net.LOOPBACK, Net.freePort());
        List<Map<String, Object>> proxies = new ArrayList<>();
        List<Map<String, Object>> visitors = new ArrayList<>();
        for (String type : kind.types) {
            String proxyName = proxies.isEmpty() ? "bench" : "bench-udp";
            Map<String, Object> proxy = FrpToml.proxy(proxyName, type, service.getHostString(), service.getPort());
            proxies.add(proxy);
            if (kind == Kind.UDP) {
                proxy.put("remotePort", pub.getPort());
                continue;
            }
            proxy.put("secretKey", SECRET);
            Map<String, Object> visitor = FrpToml.keys("name", proxyName + "-v", "type", type, "serverName",
                    proxyName, "secretKey", SECRET, "bindAddr", Net.LOOPBACK, "bindPort", pub.getPort());
            if (kind.xtcp()) {
                visitor.putAll(FrpToml.keys("protocol", kind.xtcpProtocol, "keepTunnelOpen", true));
            }
            visitors.add(visitor);
        }
        Child owner = startClient("client", "frpc", client(bindPort, token, "proxies", proxies),
                lines(proxies, "[%s] start proxy success"));
        if (visitors.isEmpty()) {
            return new PublicEndpoint(pub, null);
        }
        // By their log lines: a connection to see whether the visitor listens would reach the service.
        // For xtcp jfrpc says the tunnel is up on the visitor's side; stock frpc only on the proxy's.
        long visitorStart = System.nanoTime();
        Child v = startClient("visitor", "visitor", client(bindPort, token, "visitors", visitors),
                !programs.jfrp() || kind.xtcp() ? List.of() : lines(visitors, "[%s] %s visitor listening"));
        if (kind.xtcp() && programs.jfrp()) {
            v.awaitLine(READY_TIMEOUT, "tunnel to [bench] open");
        } else if (kind.xtcp()) {
            owner.awaitLine(READY_TIMEOUT, "establishing nat hole connection successful");
        } else if (!programs.jfrp()) {
            v.awaitLine(READY_TIMEOUT, "visitor added: [");
        }
        setup = Duration.ofNanos(System.nanoTime() - visitorStart);
        return new PublicEndpoint(pub, null);
    }

    /** {@code format} filled with each table's name and type. */
    private static List<String> lines(List<Map<String, Object>> tables, String format) {
        return tables.stream().map(t -> String.format(Locale.ROOT, format, t.get("name"), t.get("type"))).toList();
    }

    public Duration setup() {
        return setup;
    }

    /** coturn, STUN only, on 127.0.0.1 and 127.0.0.2 (RFC 5780's alternate address is port + 1). */
    private String startStun() throws IOException, InterruptedException {
        int port = Net.freePort();
        start("stun", "stun", List.of("turnserver", "--stun-only", "-n", "--no-cli", "--no-tls",
                "--no-dtls", "--no-tcp", "--listening-ip", "127.0.0.1", "--listening-ip", "127.0.0.2",
                "--listening-port", String.valueOf(port), "--log-file", "stdout", "--simple-log",
                "--pidfile", dir.resolve("turnserver.pid").toString()), programs.env());
        Thread.sleep(500); // coturn binds at once; there is no line to wait for in every version
        return "127.0.0.1:" + port;
    }

    private Map<String, Object> client(int bindPort, String token, String listKey, List<Map<String, Object>> list) {
        Map<String, Object> k = FrpToml.client(mode, Net.LOOPBACK, bindPort, token);
        if (stunServer != null) {
            k.put("natHoleStunServer", stunServer);
        }
        k.put(listKey, list);
        return k;
    }
}

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
import java.util.concurrent.TimeoutException;

/**
 * jfrp or stock frp publishing a service through the proxy types of issue 11 (see {@link Kind}), as
 * processes from generated TOML with frp's default transport, as {@link FrpPath}. Up when the server
 * accepts on bindPort, the owner prints {@code [bench] start proxy success} for each proxy and the
 * visitor client says its visitors listen (jfrpc: {@code [bench-v] stcp visitor listening}, frpc:
 * {@code visitor added}) or, for xtcp, the tunnel is up; nothing goes through the tunnel before the
 * scenario's own connections.
 */
public final class FrpSecretPath extends ServerClientPath {
    /**
     * What the path carries. UDP: a service on TCP and UDP at one port (iperf3 -s: TCP control, UDP
     * data) through a tcp and a udp proxy on one remotePort. STCP: a TCP service through an stcp proxy
     * and an stcp visitor of a second client, whose bindPort is the public side. SUDP: the TCP-and-UDP
     * service through an stcp and an sudp proxy and visitor. XTCP_*: a TCP service through an xtcp proxy
     * and visitor (keepTunnelOpen) peer to peer on loopback, with a coturn STUN server on 127.0.0.1 and
     * 127.0.0.2.
     */
    public enum Kind {
        UDP, STCP, SUDP, XTCP_QUIC, XTCP_KCP;

        boolean xtcp() {
            return this == XTCP_QUIC || this == XTCP_KCP;
        }

        /** In the path's name: "udp", "xtcp-quic". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The transport of every secret path: frp's defaults. */
    private static final TransportMode MODE = TransportMode.MUX_TLS;

    private final FrpPath.Programs programs;
    private final Kind kind;
    /** From the visitor client's start until it was ready (listening; for xtcp: the tunnel up). */
    private volatile Duration setup;
    /** xtcp: the STUN server the clients ask. */
    private String stunServer;

    public FrpSecretPath(FrpPath.Programs programs, Kind kind, BenchContext ctx) {
        super(programs.family() + "-" + kind.label(), ctx, Duration.ZERO);
        this.programs = programs;
        this.kind = kind;
    }

    @Override
    public PublicEndpoint publish(InetSocketAddress service) throws Exception {
        String token = UUID.randomUUID().toString();
        int bindPort = Net.freePort();
        Map<String, Object> server = FrpToml.server(MODE, new FrpToml.Server(Net.LOOPBACK, bindPort, token, 0));
        if (programs.jfrp()) {
            server.putAll(FrpToml.jfrpKeys(MODE, dir.resolve("self-signed").toString()));
        }
        if (kind.xtcp()) {
            stunServer = startStun();
        }
        Child s = start("server", programs.server(), "frps.toml", server);
        awaitAccepting(null, new InetSocketAddress(Net.LOOPBACK, bindPort), s.name);

        int publicPort = Net.freePort();
        List<Map<String, Object>> proxies = new ArrayList<>();
        proxies.add(proxy("bench", kind == Kind.UDP ? "tcp" : kind.xtcp() ? "xtcp" : "stcp", service, publicPort));
        if (kind == Kind.UDP || kind == Kind.SUDP) {
            proxies.add(proxy("bench-udp", kind == Kind.UDP ? "udp" : "sudp", service, publicPort));
        }
        Child owner = start("client", programs.client(), "frpc.toml", client(bindPort, token, "proxies", proxies));
        List<String> started = new ArrayList<>();
        for (Map<String, Object> p : proxies) {
            started.add("[" + p.get("name") + "] start proxy success");
        }
        String refused = awaitAll(owner, started, "start error");
        if (refused != null) {
            throw new IllegalStateException(name() + ": the server refused a proxy: " + refused);
        }
        if (kind == Kind.UDP) {
            return new PublicEndpoint(new InetSocketAddress(Net.LOOPBACK, publicPort), null);
        }
        List<Map<String, Object>> visitors = new ArrayList<>();
        visitors.add(visitor("bench-v", kind.xtcp() ? "xtcp" : "stcp", "bench", publicPort));
        if (kind.xtcp()) {
            visitors.get(0).put("protocol", kind == Kind.XTCP_QUIC ? "quic" : "kcp");
            visitors.get(0).put("keepTunnelOpen", true);
        }
        long visitorStart = System.nanoTime();
        if (kind == Kind.SUDP) {
            visitors.add(visitor("bench-udp-v", "sudp", "bench-udp", publicPort));
        }
        Child v = start("visitor", programs.client(), "visitor.toml", client(bindPort, token, "visitors", visitors));
        // By their log lines: a connection to see whether the visitor listens would reach the service.
        if (kind.xtcp()) {
            // jfrpc says so on the visitor's side; stock frpc only on the proxy's
            if (programs.jfrp()) {
                v.awaitLine(READY_TIMEOUT, "tunnel to [bench] open");
            } else {
                owner.awaitLine(READY_TIMEOUT, "establishing nat hole connection successful");
            }
        } else if (programs.jfrp()) {
            List<String> listening = new ArrayList<>();
            for (Map<String, Object> visitor : visitors) {
                listening.add("[" + visitor.get("name") + "] " + visitor.get("type") + " visitor listening");
            }
            awaitAll(v, listening, "visitor start error");
        } else {
            v.awaitLine(READY_TIMEOUT, "visitor added: [");
        }
        setup = Duration.ofNanos(System.nanoTime() - visitorStart);
        return new PublicEndpoint(new InetSocketAddress(Net.LOOPBACK, publicPort), null);
    }

    /**
     * Waits until {@code child} has printed a line with each of {@code texts}, in any order; returns
     * the first line with {@code failure} instead, if one comes first.
     */
    private static String awaitAll(Child child, List<String> texts, String failure)
            throws InterruptedException, TimeoutException {
        List<String> waiting = new ArrayList<>(texts);
        while (!waiting.isEmpty()) {
            List<String> any = new ArrayList<>(waiting);
            any.add(failure);
            String line = child.awaitLine(READY_TIMEOUT, any.toArray(String[]::new));
            if (line.contains(failure)) {
                return line;
            }
            waiting.removeIf(line::contains);
        }
        return null;
    }

    private static Map<String, Object> proxy(String proxyName, String type, InetSocketAddress service, int port) {
        Map<String, Object> p = FrpToml.proxy(proxyName, type, service.getHostString(), service.getPort());
        if (type.equals("tcp") || type.equals("udp")) {
            p.put("remotePort", port);
        } else {
            p.put("secretKey", "bench-secret");
        }
        return p;
    }

    private static Map<String, Object> visitor(String visitorName, String type, String serverName, int port) {
        return FrpToml.keys("name", visitorName, "type", type, "serverName", serverName, "secretKey", "bench-secret",
                "bindAddr", Net.LOOPBACK, "bindPort", port);
    }

    public Duration setup() {
        return setup;
    }

    /** coturn, STUN only, on 127.0.0.1 and 127.0.0.2 (RFC 5780's alternate address is port + 1). */
    private String startStun() throws IOException, InterruptedException, TimeoutException {
        int port = Net.freePort();
        start("stun", "stun", List.of("turnserver", "--stun-only", "-n", "--no-cli", "--no-tls",
                "--no-dtls", "--no-tcp", "--listening-ip", "127.0.0.1", "--listening-ip", "127.0.0.2",
                "--listening-port", String.valueOf(port), "--log-file", "stdout", "--simple-log",
                "--pidfile", dir.resolve("turnserver.pid").toString()), programs.env());
        Thread.sleep(500); // coturn binds at once; there is no line to wait for in every version
        return "127.0.0.1:" + port;
    }

    private Map<String, Object> client(int bindPort, String token, String listKey, List<Map<String, Object>> list) {
        Map<String, Object> k = FrpToml.client(MODE, Net.LOOPBACK, bindPort, token);
        if (stunServer != null) {
            k.put("natHoleStunServer", stunServer);
        }
        k.put(listKey, list);
        return k;
    }

    private Child start(String role, List<String> program, String file, Map<String, Object> keys) throws IOException {
        return start(role, role, FrpPath.command(program, writeToml(file, keys), null), programs.env());
    }
}

package io.jfrp.e2e.xtcp;

import io.jfrp.testkit.netns.NatTopology;

/**
 * The TOML pieces the xtcp tests in network namespaces write for jfrps, jfrpc and stock frp: one
 * place for the server and client headers and the xtcp proxy and visitor sections they all use.
 */
final class XtcpToml {
    /** coturn's primary address on the lab's WAN, as frpc's natHoleStunServer. */
    static final String STUN = NatTopology.STUN_PRIMARY + ":" + NatTopology.STUN_PORT;

    private XtcpToml() {
    }

    /** A server listening on all addresses at {@code bindPort}, clients authenticated by {@code token}. */
    static String server(int bindPort, String token) {
        return """
                bindAddr = "0.0.0.0"
                bindPort = %d
                auth.token = "%s"
                """.formatted(bindPort, token);
    }

    /**
     * The QUIC tunnels' idle timeout and keepalive (frp: 30 s and 10 s), which both programs take from
     * transport.quic for xtcp, and the yamux keepalive of the connection to the server (frp: 30 s): a
     * tunnel whose NAT mapping is gone ends after 5 s of silence instead of 30 s, a control connection
     * whose mapping is gone is found dead at the next ping within 5 s instead of 30 s, and the tests
     * that make a NAT forget wait that much less for the next login and punch. The idle timeout is five
     * keepalive periods (frp's three), so a live tunnel does not idle out.
     */
    static final String TIMEOUTS = """
            transport.quic.maxIdleTimeout = 5
            transport.quic.keepalivePeriod = 1
            transport.tcpMuxKeepaliveInterval = 5
            """;

    /**
     * A client of the server at {@code serverAddr}:7000 with {@code token}, retrying its login, using the
     * lab's STUN server, with {@link #TIMEOUTS}; a blank line ends it, so that sections can follow.
     */
    static String client(String serverAddr, String token) {
        return """
                serverAddr = "%s"
                serverPort = 7000
                auth.token = "%s"
                loginFailExit = false
                natHoleStunServer = "%s"
                """.formatted(serverAddr, token, STUN) + TIMEOUTS + "\n";
    }

    /** An xtcp proxy {@code name} of the service on {@code localPort}, open to every user. */
    static String proxy(String name, String secretKey, int localPort, boolean encrypted) {
        return """
                [[proxies]]
                name = "%s"
                type = "xtcp"
                secretKey = "%s"
                localPort = %d
                allowUsers = ["*"]
                """.formatted(name, secretKey, localPort) + (encrypted ? "transport.useEncryption = true\n\n" : "");
    }

    /**
     * An xtcp visitor {@code name} of {@code serverName} on {@code bindPort} that keeps its tunnel open
     * (retrying every 5 s), then {@code extra} lines.
     */
    static String visitor(String name, String serverName, String secretKey, int bindPort, String extra) {
        return """
                [[visitors]]
                name = "%s"
                type = "xtcp"
                serverName = "%s"
                secretKey = "%s"
                bindPort = %d
                keepTunnelOpen = true
                minRetryInterval = 5
                """.formatted(name, serverName, secretKey, bindPort) + extra;
    }

    /** {@link #visitor} over {@code protocol} (quic or kcp), its traffic encrypted; a blank line ends it. */
    static String encryptedVisitor(String name, String serverName, String secretKey, int bindPort, String protocol) {
        return visitor(name, serverName, secretKey, bindPort, """
                protocol = "%s"
                transport.useEncryption = true

                """.formatted(protocol));
    }
}

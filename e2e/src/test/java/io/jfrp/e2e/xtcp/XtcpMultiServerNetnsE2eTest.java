package io.jfrp.e2e.xtcp;

import io.jfrp.e2e.NetnsLabClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.jfrp.e2e.xtcp.XtcpNetnsTools.assertPeerToPeer;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.awaitCount;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.awaitLog;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.awaitTcp;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.count;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.startEcho;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.startJfrpc;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.startJfrps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * xtcp with jfrpc on several servers at once ({@code jfrp.servers}, docs/multi-server.md): two jfrps
 * on the public host (ports 7000 and 7001), the proxy side (host-c, random-port NAT) registered on
 * both, the visitor (host-a, port-preserving NAT) punching through the first server online. The
 * tunnel carries 4 MiB each way peer to peer; then the first jfrps is killed and both NATs forget
 * their UDP mappings: the visitor punches again, coordinated by the second jfrps, and the bytes go
 * peer to peer again.
 *
 * <p>Needs root, iproute2, iptables, conntrack and coturn (scripts/install-test-deps.sh): skipped
 * without them locally, failed in CI.
 */
@NetnsLabClass
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XtcpMultiServerNetnsE2eTest extends XtcpNetnsCase {
    /** jfrps' log line for the proxy side's NatHoleReport of a punch it coordinated. */
    private static final String PUNCHED = "xtcp punch session";

    private static Path visitorLog;
    private static Process serverA;
    private static Path serverLogB;

    @BeforeAll
    static void start() throws Exception {
        openLab("xtcp-netns-multi", sitesAandC(), "jfrps-a.log");
        serverLogB = dir.resolve("jfrps-b.log");
        serverA = startJfrps("jfrps-a", XtcpToml.server(7000, TOKEN));
        startJfrps("jfrps-b", XtcpToml.server(7001, TOKEN));
        awaitTcp(net.publicHost(), ":7000");
        awaitTcp(net.publicHost(), ":7001");

        startEcho("c", ECHO_PORT);
        startJfrpc("c", "jfrpc-c", client() + XtcpToml.proxy("p2p", SK, ECHO_PORT, false));
        visitorLog = startJfrpc("a", "jfrpc-a", client() + XtcpToml.visitor("vq", "p2p", SK, 9001, ""));
    }

    @Test
    @Order(1)
    void theVisitorPunchesThroughTheFirstServerAndTheBytesGoPeerToPeer() throws Exception {
        awaitLog(visitorLog, "quic tunnel to [p2p] open", 120);
        assertPeerToPeer("a", 9001, 1);
        assertThat(count(dir.resolve("jfrps-a.log"), PUNCHED)).as("jfrps A coordinated the punch").isPositive();
        assertThat(count(serverLogB, PUNCHED)).as("jfrps B stayed out of it").isZero();
    }

    @Test
    @Order(2)
    void withTheFirstServerKilledTheSecondCoordinatesTheNextPunch() throws Exception {
        int tunnels = count(visitorLog, "quic tunnel to [p2p] open");
        serverA.destroyForcibly();
        assertThat(serverA.waitFor(10, TimeUnit.SECONDS)).isTrue();
        net.flushUdpMappings(net.site("a"));
        net.flushUdpMappings(net.site("c"));
        awaitCount(visitorLog, "quic tunnel to [p2p] open", tunnels + 1, 150);
        assertPeerToPeer("a", 9001, 2);
        assertThat(count(serverLogB, PUNCHED)).as("jfrps B coordinated the new punch").isPositive();
    }

    private static String client() {
        return """
                jfrp.servers = ["%1$s:7000", "%1$s:7001"]
                auth.token = "%2$s"
                loginFailExit = false
                natHoleStunServer = "%3$s"
                """.formatted(net.publicHostIp(), TOKEN, XtcpToml.STUN) + XtcpToml.TIMEOUTS + "\n";
    }
}

package io.jfrp.e2e.xtcp;

import io.jfrp.e2e.NetnsLabClass;
import io.jfrp.e2e.wirev2.StockFrp;
import io.jfrp.testkit.netns.NatTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.jfrp.e2e.xtcp.XtcpNetnsTools.assertPeerToPeer;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.awaitLog;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.awaitTcp;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.awaitTransferWorks;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.startEcho;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.startJfrpc;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.startStockFrpc;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.startStockFrpcVisitor;
import static io.jfrp.e2e.xtcp.XtcpNetnsTools.writeText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * jfrpc's xtcp against STOCK frps 0.70.0 as the coordinator, in network namespaces ({@link NatTopology}):
 * <pre>
 *   host-a (port-preserving NAT)  jfrpc: xtcp visitors vq (QUIC) and vk (KCP) of p2p, vgo of p2p-go;
 *                                 jfrpc (wire v2): xtcp visitor v2q of p2p; stock frpc: visitor sq of p2p
 *   host-c (random-port NAT)      jfrpc (wire v2): xtcp proxy p2p; stock frpc (wire v2): xtcp proxy
 *                                 p2p-go; an echo service
 *   pub                            stock frps; iptables counts every byte in and out of its interface
 * </pre>
 * Both ends ours, our visitor with a stock proxy, and a stock visitor with our proxy: each moves 4 MiB
 * each way, hash-checked, peer to peer (the server's counters nearly still). Wire protocols mixed: the
 * proxy side (jfrpc and stock frpc) speaks v2, the visitors v1, and a second jfrpc visitor v2 (v2q):
 * v2 on both ends and v1 against v2.
 *
 * <p>Needs root, iproute2, iptables, conntrack and coturn (scripts/install-test-deps.sh) and the stock
 * frp binaries: skipped without them locally, failed in CI.
 */
@NetnsLabClass
class XtcpStockFrpsNetnsE2eTest extends XtcpNetnsCase {
    private static Path visitorLogA;
    private static Path visitorLogA2;
    /** The proxy side (ours and stock frpc) and one of our visitor clients speak wire protocol v2. */
    private static final String V2 = "transport.wireProtocol = \"v2\"\n";

    @BeforeAll
    static void start() throws Exception {
        openLab("xtcp-netns-stock-frps", sitesAandC(), "frps-stock.log");
        net.lab().start(net.publicHost(), dir.resolve("frps-stock.log"), StockFrp.home().resolve("frps").toString(), "-c",
                writeText("frps.toml", StockFrp.logConfig() + """
                        bindAddr = "0.0.0.0"
                        bindPort = 7000
                        auth.token = "%s"
                        """.formatted(TOKEN)));
        awaitTcp(net.publicHost(), ":7000");

        startEcho("c", ECHO_PORT);
        startJfrpc("c", "jfrpc-c", client() + V2 + proxy("p2p"));
        startStockFrpc("c", "frpc-stock-c", client() + V2 + StockFrp.logConfig() + proxy("p2p-go"));

        visitorLogA = startJfrpc("a", "jfrpc-a", client() + visitor("vq", "p2p", "quic", 9001)
                + visitor("vk", "p2p", "kcp", 9002) + visitor("vgo", "p2p-go", "quic", 9003));
        visitorLogA2 = startJfrpc("a", "jfrpc-a2", client() + V2 + visitor("v2q", "p2p", "quic", 9004));
    }

    @Test
    void bothEndsOursCoordinatedByStockFrpsGoPeerToPeerOverQuicAndKcp() throws Exception {
        awaitLog(visitorLogA, "quic tunnel to [p2p] open", 120);
        assertPeerToPeer("a", 9001, 1);
        awaitLog(visitorLogA, "kcp tunnel to [p2p] open", 120);
        assertPeerToPeer("a", 9002, 2);
        assertThat(Files.readString(visitorLogA)).contains("goes peer to peer (quic").contains("goes peer to peer (kcp");
    }

    @Test
    void bothEndsOursOnWireProtocolV2CoordinatedByStockFrpsGoPeerToPeer() throws Exception {
        awaitLog(visitorLogA2, "quic tunnel to [p2p] open", 120);
        assertPeerToPeer("a", 9004, 6);
        assertThat(Files.readString(visitorLogA2)).contains("goes peer to peer (quic");
    }

    @Test
    void ourVisitorReachesAStockFrpcProxyThroughStockFrps() throws Exception {
        awaitLog(visitorLogA, "quic tunnel to [p2p-go] open", 120);
        assertPeerToPeer("a", 9003, 3);
    }

    @Test
    void aStockFrpcVisitorReachesOurProxyThroughStockFrps() throws Exception {
        startStockFrpcVisitor("a", client(), SK, 9011);
        awaitTransferWorks("a", 9011, 4);
        assertPeerToPeer("a", 9011, 5);
    }

    private static String client() {
        return XtcpToml.client(net.publicHostIp(), TOKEN);
    }

    private static String proxy(String name) {
        return XtcpToml.proxy(name, SK, ECHO_PORT, true);
    }

    private static String visitor(String name, String serverName, String protocol, int port) {
        return XtcpToml.encryptedVisitor(name, serverName, SK, port, protocol);
    }
}

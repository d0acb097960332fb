package io.jfrp.e2e.netns;

import io.jfrp.e2e.NetnsLabClass;
import io.jfrp.testkit.netns.NetnsLab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.jfrp.e2e.netns.NetnsPrograms.assertEchoed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall of {@link ThroughFirewallsNetnsTest} (jfrpc's namespace lets out nothing but TCP to
 * one port of the server) with the proxy types that are not tcp-like on the public side: a {@code udp}
 * proxy, whose datagrams must cross as messages inside the one TCP connection, and an {@code stcp}
 * proxy reached through a visitor (a second jfrpc on the server's side), over tcp+TLS and over
 * websocket with wire v2. Every datagram and byte is hash-checked.
 *
 * <p>Needs root, iproute2, iptables and python3: a skip without them, a failure with CI=true.
 */
@NetnsLabClass
class UdpAndStcpThroughFirewallNetnsTest {
    private static final String TOKEN = "udp-stcp-through-the-firewall";

    @TempDir
    Path dir;

    @BeforeEach
    void requireTools() {
        NetnsLab.requireSupported("iptables", "python3");
    }

    @ParameterizedTest(name = "transport {0}, wire {1}")
    @CsvSource({"tcp, v1", "websocket, v2"})
    void udpAndStcpCrossTheOneOpenPort(String transport, String wire) throws Exception {
        try (NetnsLab lab = new NetnsLab("fwudp")) {
            String srv = lab.namespace("srv");
            String cli = lab.namespace("cli");
            NetnsPrograms run = NetnsPrograms.behindOnePortFirewall(lab, dir, srv, cli, "10.77.4", 443);
            run.jfrps(srv, "frps", "bindAddr = \"0.0.0.0\"\nbindPort = 443\nauth.token = \"" + TOKEN + "\"\n")
                    .awaitLog("jfrps listening on", 60);
            assertThat(run.canConnect(cli, "10.77.4.1", 6053)).as("the firewall drops other ports").isFalse();

            run.echoService(cli, 9000).awaitLog("echo listening", 20);
            run.udpEchoService(cli, 9053).awaitLog("udp echo listening", 20);
            String common = "auth.token = \"" + TOKEN + "\"\nloginFailExit = true\nuser = \"alice\"\n";
            run.jfrpc(cli, "frpc-owner", "serverAddr = \"10.77.4.1\"\nserverPort = 443\n" + common
                    + "transport.protocol = \"" + transport + "\"\ntransport.wireProtocol = \"" + wire + "\"\n"
                    + "\n[[proxies]]\nname = \"dns\"\ntype = \"udp\"\nlocalPort = 9053\nremotePort = 6053\n"
                    + "\n[[proxies]]\nname = \"ssh\"\ntype = \"stcp\"\nsecretKey = \"s3\"\nlocalPort = 9000\n"
                    + "transport.useEncryption = true\n")
                    .awaitLog("[dns] start proxy success", 60).awaitLog("[ssh] start proxy success", 20);
            run.jfrpc(srv, "frpc-visitor", "serverAddr = \"127.0.0.1\"\nserverPort = 443\n" + common
                    + "\n[[visitors]]\nname = \"ssh-v\"\ntype = \"stcp\"\nserverName = \"ssh\"\nsecretKey = \"s3\"\n"
                    + "bindAddr = \"127.0.0.1\"\nbindPort = 7000\ntransport.useEncryption = true\n")
                    .awaitLog("login to server success", 60);

            assertEchoed(run.udpEchoHashes(srv, "127.0.0.1", 6053, 40));
            assertEchoed(awaitEcho(run, srv, 7000));
        }
    }

    /** The visitor's port opens once its jfrpc has started it: retried for up to 20 s. */
    private static String awaitEcho(NetnsPrograms run, String ns, int port) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                return run.echoHashes(ns, "127.0.0.1", port, 1 << 20);
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}

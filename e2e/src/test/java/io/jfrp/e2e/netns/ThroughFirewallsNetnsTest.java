package io.jfrp.e2e.netns;

import io.jfrp.e2e.NetnsLabClass;
import io.jfrp.testkit.netns.NetnsLab;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import static io.jfrp.e2e.netns.NetnsPrograms.assertEchoed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mission's case, end to end in network namespaces with addresses that exist only inside them:
 * jfrpc behind a firewall that lets out nothing but TCP to one port of the server, and behind
 * networks whose only way out is an HTTP proxy (tinyproxy, with basic authentication) or a SOCKS5
 * proxy (Dante, with user/password authentication). jfrps and jfrpc run as users run them
 * ({@code bin/jfrps}, {@code bin/jfrpc} with TOML files); the services are python3's; every byte
 * through a tunnel is hash-checked, and the proxies' own logs show the tunnel.
 *
 * <p>Needs root, iproute2, iptables, python3, curl, openssl, tinyproxy and danted: a skip on a
 * developer's machine without them, a failure with CI=true.
 */
@NetnsLabClass
class ThroughFirewallsNetnsTest {
    private static final String TOKEN = "through-the-firewall";

    @TempDir
    Path dir;

    @BeforeEach
    void requireTools() {
        NetnsLab.requireSupported("iptables", "python3", "curl", "openssl", "tinyproxy", "danted", "unshare");
    }

    @Test
    void onlyTcpToOnePortOfTheServerIsLetOutAndEveryProxyWorksThroughIt() throws Exception {
        try (NetnsLab lab = new NetnsLab("fwport")) {
            String srv = lab.namespace("srv");
            String cli = lab.namespace("cli");
            // The client's side lets out TCP to the server's port 443 and nothing else (replies to what
            // it sent are part of that connection).
            NetnsPrograms run = NetnsPrograms.behindOnePortFirewall(lab, dir, srv, cli, "10.77.1", 443);
            run.jfrps(srv, "frps", server(443, "vhostHTTPPort = 8080\n")).awaitLog("jfrps listening on", 60);
            assertThat(run.canConnect(cli, "10.77.1.1", 8080)).as("the firewall drops the vhost port").isFalse();
            assertThat(run.canConnect(cli, "10.77.1.1", 443)).as("and lets the one port through").isTrue();

            run.echoService(cli, 9000).awaitLog("echo listening", 20);
            Path site = Files.createDirectories(dir.resolve("site"));
            String blobHash = randomFile(site.resolve("blob.bin"), 1 << 20);
            run.httpServer(cli, 9080, site);

            // TCP with TLS and yamux (frp's defaults), then the WebSocket transport with wire v2, through
            // the same single port.
            String[][] clients = {{"tcp", "v1", "6000", "web.test"}, {"websocket", "v2", "6001", "ws.test"}};
            for (String[] c : clients) {
                NetnsPrograms.Program jfrpc = run.jfrpc(cli, "frpc-" + c[0], client("10.77.1.1", 443,
                        "transport.protocol = \"" + c[0] + "\"\ntransport.wireProtocol = \"" + c[1] + "\"\n",
                        proxies(Integer.parseInt(c[2]), c[3])));
                jfrpc.awaitLog("[echo] start proxy success", 60).awaitLog("[web] start proxy success", 20);

                assertEchoed(run.echoHashes(srv, "127.0.0.1", Integer.parseInt(c[2]), 1 << 20));
                String page = lab.exec(srv, "sh", "-c", "curl -sS --max-time 20 -H 'Host: " + c[3]
                        + "' http://127.0.0.1:8080/blob.bin | sha256sum").split(" ")[0];
                assertThat(page).as("the page through the http proxy of %s", c[0]).isEqualTo(blobHash);
                jfrpc.process().destroy();
                jfrpc.process().waitFor();
            }
        }
    }

    @Test
    void theOnlyWayOutIsAnHttpProxy() throws Exception {
        try (NetnsLab lab = new NetnsLab("fwhttp")) {
            Namespaces n = behindAProxy(lab, 3128);
            NetnsPrograms run = new NetnsPrograms(lab, dir);
            NetnsPrograms.Program tinyproxy = run.start(n.proxy, "tinyproxy", "tinyproxy", "-d", "-c",
                    run.write("tinyproxy.conf", """
                            Port 3128
                            Listen 10.77.2.1
                            Timeout 600
                            LogLevel Info
                            MaxClients 50
                            Allow 10.77.2.0/24
                            ConnectPort 7000
                            BasicAuth jfrp s3cret
                            User nobody
                            Group nogroup
                            """).toString()).awaitLog("Accepting connections", 20);
            run.jfrps(n.server, "frps", server(7000, "")).awaitLog("jfrps listening on", 60);
            assertThat(run.canConnect(n.client, "10.77.3.2", 7000)).as("no way to the server but the proxy").isFalse();
            run.echoService(n.client, 9000).awaitLog("echo listening", 20);

            NetnsPrograms.Program refused = run.jfrpc(n.client, "frpc-wrong-password", client("10.77.3.2", 7000,
                    "transport.proxyURL = \"http://jfrp:wrong@10.77.2.1:3128\"\n", proxies(6000, "web.test")));
            assertThat(refused.process().waitFor()).as("loginFailExit").isNotZero();
            assertThat(refused.output()).contains("407");

            run.jfrpc(n.client, "frpc", client("10.77.3.2", 7000,
                    "transport.proxyURL = \"http://jfrp:s3cret@10.77.2.1:3128\"\n", proxies(6000, "web.test")))
                    .awaitLog("[echo] start proxy success", 60);
            assertEchoed(run.echoHashes(n.server, "127.0.0.1", 6000, 1 << 20));
            assertThat(tinyproxy.output()).as("tinyproxy's log").contains("CONNECT 10.77.3.2:7000");
        }
    }

    @Test
    void theOnlyWayOutIsASocks5ProxyWithAPassword() throws Exception {
        try (NetnsLab lab = new NetnsLab("fwsocks")) {
            Namespaces n = behindAProxy(lab, 1080);
            NetnsPrograms run = new NetnsPrograms(lab, dir);
            NetnsPrograms.Program dante = startDante(run, n.proxy);
            run.jfrps(n.server, "frps", server(7000, "")).awaitLog("jfrps listening on", 60);
            assertThat(run.canConnect(n.client, "10.77.3.2", 7000)).as("no way to the server but the proxy").isFalse();
            run.echoService(n.client, 9000).awaitLog("echo listening", 20);

            // The WebSocket transport with wire v2, inside the SOCKS5 tunnel.
            run.jfrpc(n.client, "frpc", client("10.77.3.2", 7000, """
                    transport.protocol = "websocket"
                    transport.wireProtocol = "v2"
                    transport.proxyURL = "socks5://jfrp:s3cret@10.77.2.1:1080"
                    """, proxies(6000, "web.test"))).awaitLog("[echo] start proxy success", 60);
            assertEchoed(run.echoHashes(n.server, "127.0.0.1", 6000, 1 << 20));
            assertThat(dante.output()).as("Dante's log: the user, the client, the server's port")
                    .contains("tcp/connect [: username%jfrp@10.77.2.2.").contains("10.77.3.2.7000");
        }
    }

    /** client (10.77.2.2) | 10.77.2.1 proxy 10.77.3.1 | server (10.77.3.2): the proxy does not route. */
    private record Namespaces(String client, String proxy, String server) {
    }

    private static Namespaces behindAProxy(NetnsLab lab, int proxyPort) throws IOException {
        String cli = lab.namespace("cli");
        String prx = lab.namespace("prx");
        String srv = lab.namespace("srv");
        lab.link(cli, "c0", "10.77.2.2/24", prx, "p0", "10.77.2.1/24");
        lab.link(prx, "p1", "10.77.3.1/24", srv, "s0", "10.77.3.2/24");
        NetnsPrograms.letOutOnlyTcpTo(lab, cli, "10.77.2.1", proxyPort);
        return new Namespaces(cli, prx, srv);
    }

    /**
     * Dante with user/password authentication (RFC 1929) against the system's passwords: it runs in a
     * mount namespace of its own in which /etc/passwd and /etc/shadow are copies with the user added,
     * so the machine's files are never touched.
     */
    private NetnsPrograms.Program startDante(NetnsPrograms run, String ns) throws Exception {
        Path passwd = dir.resolve("passwd");
        Path shadow = dir.resolve("shadow");
        String hash = exec("openssl", "passwd", "-6", "-salt", "jfrpsalt", "s3cret").strip();
        Files.writeString(passwd, Files.readString(Path.of("/etc/passwd"))
                + "jfrp:x:64999:65534::/nonexistent:/usr/sbin/nologin\n");
        Files.writeString(shadow, Files.readString(Path.of("/etc/shadow")) + "jfrp:" + hash + ":19000:0:99999:7:::\n");
        Path conf = run.write("danted.conf", """
                logoutput: stderr
                internal: 10.77.2.1 port = 1080
                external: 10.77.3.1
                clientmethod: none
                socksmethod: username
                user.privileged: root
                user.unprivileged: nobody
                client pass {
                  from: 10.77.2.0/24 to: 0.0.0.0/0
                  log: connect disconnect error
                }
                socks pass {
                  from: 10.77.2.0/24 to: 10.77.3.0/24
                  command: connect
                  log: connect disconnect error
                }
                """);
        return run.start(ns, "danted", "unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind " + passwd + " /etc/passwd && mount --bind " + shadow + " /etc/shadow && exec danted -f "
                        + conf).awaitLog("running", 20);
    }

    private static String server(int bindPort, String extra) {
        return "bindAddr = \"0.0.0.0\"\nbindPort = " + bindPort + "\nauth.token = \"" + TOKEN + "\"\n" + extra;
    }

    private static String client(String serverAddr, int serverPort, String transport, String proxies) {
        return "serverAddr = \"" + serverAddr + "\"\nserverPort = " + serverPort + "\nauth.token = \"" + TOKEN + "\"\n"
                + "loginFailExit = true\n" + transport + proxies;
    }

    /** A tcp proxy {@code echo} of 127.0.0.1:9000 and an http proxy {@code web} of 127.0.0.1:9080. */
    private static String proxies(int echoRemotePort, String domain) {
        return "\n[[proxies]]\nname = \"echo\"\ntype = \"tcp\"\nlocalPort = 9000\nremotePort = " + echoRemotePort + "\n"
                + "\n[[proxies]]\nname = \"web\"\ntype = \"http\"\nlocalPort = 9080\ncustomDomains = [\"" + domain
                + "\"]\n";
    }

    private static String randomFile(Path file, int size) throws Exception {
        byte[] data = new byte[size];
        new SecureRandom().nextBytes(data);
        Files.write(file, data);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
        return out;
    }
}

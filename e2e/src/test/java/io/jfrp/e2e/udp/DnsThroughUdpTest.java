package io.jfrp.e2e.udp;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.vhost.ExternalCommand;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dig asks a real DNS server (dnsmasq, started here on a loopback port with its own records and no
 * other source) through a udp proxy and through an sudp visitor, and gets its answers: short ones,
 * and a TXT answer of about 1.2 KB that must arrive in one datagram.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DnsThroughUdpTest extends E2eCase {
    private static final String TOKEN = "dns";
    private static final String LONG_TXT = "x".repeat(250);

    @Test
    void digGetsDnsmasqsAnswersThroughAUdpProxyAndAnSudpVisitor() throws Exception {
        RequiredTools.requireOnPath("dnsmasq", "dig");
        int dnsPort = UdpPorts.freeForBoth();
        closer.add(Daemon.start(dir, "dnsmasq", List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--port=" + dnsPort, "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--no-poll", "--user=" + System.getProperty("user.name"), "--pid-file=", "--log-facility=-",
                "--host-record=www.example.test,192.0.2.7",
                "--host-record=v6.example.test,2001:db8::7",
                "--txt-record=long.example.test," + String.join(",", LONG_TXT, LONG_TXT, LONG_TXT, LONG_TXT))));
        assertThat(dig(dnsPort, "www.example.test", "A")).as("dnsmasq answers directly").isEqualTo("192.0.2.7");

        FrpServer server = server(TOKEN, c -> c);
        int serverPort = server.address().getPort();
        int publicPort = UdpPorts.free();
        FrpClient owner = clientLoggedIn(serverPort, TOKEN, List.of(
                ProxyBuilder.udp("dns", "127.0.0.1", dnsPort, publicPort).wrapping(true, false).build(),
                ProxyBuilder.sudp("private-dns", "127.0.0.1", dnsPort, "dns-secret").wrapping(false, true).build()));
        E2e.awaitProxy(owner, "dns");
        E2e.awaitProxy(owner, "private-dns");
        int visitorPort = UdpPorts.free();
        closer.add(new FrpClient(ClientConfig.loopback(serverPort, TOKEN, List.of()).withVisitors(List.of(
                VisitorBuilder.sudp("dns-visitor", "private-dns", "dns-secret", visitorPort)
                        .transport(new io.jfrp.config.model.visitor.VisitorTransport(true, true)).build()))))
                .start().get(10, TimeUnit.SECONDS);

        for (int port : new int[] {publicPort, visitorPort}) {
            assertThat(dig(port, "www.example.test", "A")).as("A through %d", port).isEqualTo("192.0.2.7");
            assertThat(dig(port, "v6.example.test", "AAAA")).as("AAAA through %d", port).isEqualTo("2001:db8::7");
            String txt = dig(port, "long.example.test", "TXT");
            assertThat(txt.replace("\"", "").replace(" ", "")).as("a 1 KB TXT answer through %d", port)
                    .isEqualTo(LONG_TXT.repeat(4));
        }
    }

    /** dig over UDP only (+notcp, +ignore: a truncated answer is not retried over TCP), the answer's data. */
    private static String dig(int port, String name, String type) throws Exception {
        ExternalCommand.Result r = ExternalCommand.run(Duration.ofSeconds(30), List.of("dig", "@127.0.0.1", "-p",
                String.valueOf(port), name, type, "+short", "+notcp", "+ignore", "+bufsize=1400", "+time=2",
                "+tries=5"));
        assertThat(r.exitCode()).as("dig %s %s through %d: %s", name, type, port, r).isZero();
        // dig notes a try that timed out (";; communications error ...") and tries again: UDP.
        return r.stdout().lines().filter(l -> !l.startsWith(";;")).collect(Collectors.joining("\n")).trim();
    }
}

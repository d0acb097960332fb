package io.jfrp.e2e.udp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.visitor.VisitorBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.e2e.vhost.ExternalCommand;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.LoggedProcess;
import io.jfrp.testkit.RequiredTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * iperf3 in UDP mode through a udp proxy and through an sudp visitor. iperf3 runs its control
 * connection over TCP on the same port number as its UDP data, so each path pairs a tcp proxy with the
 * udp proxy (the same remotePort: TCP and UDP ports are apart) and an stcp visitor with the sudp one
 * (the same bindPort). The receiver's counts come back in iperf3's JSON: datagrams arrived, loss and
 * jitter are printed; the test asserts that the datagrams got through, not a speed.
 *
 * <p>Each path has its own iperf3 server. With one server for both, datagrams of the first run still
 * queued in the udp proxy's path when that run ended (on a loaded machine, over a second's worth:
 * UDP there is queued up to the work connection's water mark, as frps queues it) reached the server's
 * next test first: iperf3 takes the first datagram on its port as the client's UDP "connect", so it
 * answered the old run's address and the sudp client waited 30 s for a reply and failed ("unable to
 * read from stream socket: Resource temporarily unavailable"), which looked like a stall of the
 * visitor path.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Iperf3UdpTest extends E2eCase {
    private static final String TOKEN = "iperf3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void iperf3UdpRunsThroughAUdpProxyAndAnSudpVisitorAndReportsItsLoss() throws Exception {
        RequiredTools.requireOnPath("iperf3");
        int publicIperfPort = UdpPorts.freeForBoth();
        LoggedProcess publicIperf = iperfServer(publicIperfPort, "iperf3-server-public");
        int secretIperfPort = UdpPorts.freeForBoth();
        LoggedProcess secretIperf = iperfServer(secretIperfPort, "iperf3-server-secret");

        FrpServer server = server(TOKEN, c -> c);
        int serverPort = server.address().getPort();
        int publicPort = UdpPorts.freeForBoth();
        FrpClient owner = clientLoggedIn(serverPort, TOKEN, List.of(
                ProxyBuilder.tcp("iperf-control", "127.0.0.1", publicIperfPort, publicPort).build(),
                ProxyBuilder.udp("iperf-data", "127.0.0.1", publicIperfPort, publicPort).build(),
                ProxyBuilder.stcp("iperf-control-secret", "127.0.0.1", secretIperfPort, "k").build(),
                ProxyBuilder.sudp("iperf-data-secret", "127.0.0.1", secretIperfPort, "k").build()));
        for (String name : List.of("iperf-control", "iperf-data", "iperf-control-secret", "iperf-data-secret")) {
            assertThat(E2e.awaitProxy(owner, name).error()).isEmpty();
        }
        int visitorPort = UdpPorts.freeForBoth();
        closer.add(new FrpClient(ClientConfig.loopback(serverPort, TOKEN, List.of()).withVisitors(List.of(
                VisitorBuilder.stcp("control", "iperf-control-secret", "k", visitorPort).build(),
                VisitorBuilder.sudp("data", "iperf-data-secret", "k", visitorPort).build()))))
                .start().get(10, TimeUnit.SECONDS);

        for (int port : new int[] {publicPort, visitorPort}) {
            JsonNode sum = udpRun(port, port == publicPort ? publicIperf : secretIperf);
            long packets = sum.path("packets").asLong();
            double lost = sum.path("lost_percent").asDouble();
            System.out.printf("Iperf3UdpTest: through %s: %d datagrams of 1200 bytes at 10 Mbit/s, %.2f %% lost,"
                            + " jitter %.3f ms%n", port == publicPort ? "udp proxy" : "sudp visitor", packets, lost,
                    sum.path("jitter_ms").asDouble());
            assertThat(packets).as("datagrams counted by the receiver through %d", port).isGreaterThan(500);
            // Loss depends on how busy the machine is (two cores, shared): only a broken path loses most.
            assertThat(lost).as("loss through %d (%s)", port, sum).isLessThan(80.0);
        }
    }

    /** {@code iperf3 -s} on 127.0.0.1:port (TCP and UDP), listening when this returns. */
    private LoggedProcess iperfServer(int port, String name) throws Exception {
        LoggedProcess iperf = closer.add(Daemon.start(dir, name, List.of("iperf3", "-s", "-B", "127.0.0.1", "-p",
                String.valueOf(port), "--forceflush")));
        awaitListening(port, iperf);
        return iperf;
    }

    /** {@code iperf3 -u} for 2 s at 10 Mbit/s to 127.0.0.1:port; the receiver's sums from the JSON. */
    private static JsonNode udpRun(int port, LoggedProcess server) throws Exception {
        ExternalCommand.Result r = ExternalCommand.run(Duration.ofSeconds(60), List.of("iperf3", "-c", "127.0.0.1",
                "-p", String.valueOf(port), "-u", "-b", "10M", "-l", "1200", "-t", "2", "--connect-timeout", "10000",
                "-J"));
        JsonNode root = JSON.readTree(r.stdout());
        assertThat(root.path("error").isMissingNode()).as("iperf3 through %d: %s\nserver: %s", port,
                root.path("error").asText(), server.log()).isTrue();
        return root.path("end").path("sum");
    }

    private static void awaitListening(int port, LoggedProcess daemon) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (daemon.log().contains("Server listening")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("iperf3 -s does not listen on " + port + ": " + daemon.log());
    }
}

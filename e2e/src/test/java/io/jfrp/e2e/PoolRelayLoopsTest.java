package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.server.FrpServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without tcpMux, the relays of one client run on as many event loops as they can, each on one loop
 * (docs/PERFORMANCE.md, "Pool mode: one loop per relay"). Four public connections of one tcp proxy, each echoing
 * real bytes and held open: jfrps' four work connections in use are on four different worker loops
 * (as many as there are, if fewer), and each is relayed to its public connection on its own loop;
 * jfrpc's four are on four loops too. Until 2026-12-06 jfrps moved every pooled work connection onto
 * its client's control loop and accepted the public connections there, so one thread carried all of
 * one client's relays: four iperf3 streams got no more than one (issue 16).
 */
class PoolRelayLoopsTest extends E2eCase {
    private static final int STREAMS = 4;
    private static final int PAYLOAD = 256 * 1024;

    @Test
    void fourRelaysOfOneClientRunOnFourLoopsEachOnOne() throws Exception {
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server("spread", c -> c.withTcpMux(false));
        int remotePort = E2e.freePort();
        FrpClient client = tcpClientUp(server.address().getPort(), "spread", "echo", echo.port(), remotePort,
                c -> c.withTcpMux(false).withPoolCount(STREAMS));

        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                Socket pub = new Socket();
                held.add(pub);
                pub.connect(new InetSocketAddress("127.0.0.1", remotePort), 5000);
                pub.setSoTimeout(20_000);
                assertEchoes(pub, i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.workConnections().size() == STREAMS
                    && client.workConnections().size() == STREAMS);

            List<Channel> serverWork = server.workConnections();
            assertThat(loops(serverWork)).as("jfrps' loops of the relays")
                    .hasSize(Math.min(STREAMS, groupSize(serverWork.get(0))));
            for (Channel work : serverWork) {
                ChannelHandler relay = work.pipeline().get("relay");
                assertThat(relay).as("relay of " + work).isNotNull();
                // Relay's handler for two channels on two loops counts what it hands across: none of these.
                assertThat(relay.getClass().getSimpleName()).as("relay of " + work).isNotEqualTo("AcrossLoops");
            }
            List<Channel> clientWork = client.workConnections();
            assertThat(loops(clientWork)).as("jfrpc's loops of the relays")
                    .hasSize(Math.min(STREAMS, groupSize(clientWork.get(0))));

            // Every relay still carries bytes after the loops were looked at.
            for (int i = 0; i < STREAMS; i++) {
                assertEchoes(held.get(i), STREAMS + i);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /**
     * After the pool's refills jfrpc's relays are still on as many loops as there are relays: four
     * relays held, the first and the third closed, two more opened. jfrpc dials its work connections
     * on its group's loops in turn and jfrps takes them from its pool first come, first served, so the
     * two refills that serve the new public connections are on the loops of the first and the second
     * relay, and the second is still held: on main two relays then shared a loop while another loop had
     * none (with four loops; jfrpc used each work connection where it was dialled). Now each is
     * moved, when StartWorkConn puts it to use, to the loop with the fewest of the client's relays,
     * and its local service connection is dialled there: each relay on one loop. jfrps took its public
     * connections' loops in a turn too, which gave the two new ones the loops of the first and the
     * second (three loops); it now takes the loop with the fewest open.
     */
    @Test
    void afterThePoolsRefillsBothSidesRelaysAreStillOnDistinctLoops() throws Exception {
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server("refill", c -> c.withTcpMux(false));
        int remotePort = E2e.freePort();
        FrpClient client = tcpClientUp(server.address().getPort(), "refill", "echo", echo.port(), remotePort,
                c -> c.withTcpMux(false).withPoolCount(STREAMS));

        // The pool jfrpc opened at login is dialled all at once: its connections reach jfrps' pool in
        // any order. One round through it leaves a pool of refills, each dialled after the one before.
        for (int i = 0; i < STREAMS; i++) {
            openEchoing(remotePort, i).close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> client.workConnections().isEmpty());

        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                held.add(openEchoing(remotePort, STREAMS + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> client.workConnections().size() == STREAMS);
            held.get(0).close();
            held.get(2).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> client.workConnections().size() == STREAMS - 2);
            held.set(0, openEchoing(remotePort, 2L * STREAMS));
            held.set(2, openEchoing(remotePort, 2L * STREAMS + 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> client.workConnections().size() == STREAMS);

            List<Channel> serverWork = server.workConnections();
            assertThat(loops(serverWork)).as("jfrps' loops of the relays after the refills")
                    .hasSize(Math.min(STREAMS, groupSize(serverWork.get(0))));
            List<Channel> clientWork = client.workConnections();
            assertThat(loops(clientWork)).as("jfrpc's loops of the relays after the refills")
                    .hasSize(Math.min(STREAMS, groupSize(clientWork.get(0))));
            for (Channel work : clientWork) {
                ChannelHandler relay = work.pipeline().get("relay");
                assertThat(relay).as("relay of " + work).isNotNull();
                assertThat(relay.getClass().getSimpleName()).as("relay of " + work).isNotEqualTo("AcrossLoops");
            }
            for (int i = 0; i < STREAMS; i++) {
                assertEchoes(held.get(i), 3L * STREAMS + i);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** A public connection to {@code remotePort} that echoed {@value #PAYLOAD} bytes once, held open. */
    private static Socket openEchoing(int remotePort, long seed) throws Exception {
        Socket pub = new Socket();
        try {
            pub.connect(new InetSocketAddress("127.0.0.1", remotePort), 5000);
            pub.setSoTimeout(20_000);
            assertEchoes(pub, seed);
            return pub;
        } catch (Exception | AssertionError e) {
            pub.close();
            throw e;
        }
    }

    /** Sends {@value #PAYLOAD} seeded bytes on {@code pub} and reads them back, intact. */
    private static void assertEchoes(Socket pub, long seed) throws Exception {
        byte[] sent = E2e.seeded(PAYLOAD, seed);
        OutputStream out = pub.getOutputStream();
        InputStream in = pub.getInputStream();
        Thread writer = new Thread(() -> {
            try {
                E2e.writeAll(out, sent, 0, sent.length);
            } catch (java.io.IOException ignored) {
                // the read below comes up short and says so
            }
        }, "pool-relay-writer");
        writer.start();
        byte[] back = in.readNBytes(sent.length);
        writer.join(20_000);
        assertThat(back.length).as("echoed bytes").isEqualTo(sent.length);
        assertThat(E2e.sha256Hex(back)).as("echoed bytes").isEqualTo(E2e.sha256Hex(sent));
    }

    private static Set<EventLoop> loops(List<Channel> channels) {
        Set<EventLoop> loops = new HashSet<>();
        for (Channel ch : channels) {
            loops.add(ch.eventLoop());
        }
        return loops;
    }

    /** How many loops the group of {@code ch}'s loop has. */
    private static int groupSize(Channel ch) {
        int n = 0;
        for (EventExecutor ignored : ch.eventLoop().parent()) {
            n++;
        }
        return n;
    }
}

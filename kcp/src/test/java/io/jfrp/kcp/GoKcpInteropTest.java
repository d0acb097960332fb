package io.jfrp.kcp;

import io.netty.channel.socket.DatagramChannel;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.junit.jupiter.api.BeforeAll;
import io.jfrp.testkit.HashingReader;
import io.jfrp.testkit.TestEventLoops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with xtaci/kcp-go 5.6.1 (Debian's golang-github-xtaci-kcp-dev) configured as
 * frp configures it: FEC 10+3, stream mode, write delay, nodelay (1, 20, 2, 1), MTU 1350, windows
 * 128/512 dialing and 1024/1024 listening. Each direction runs clean and through a
 * {@link LossyRelay} that drops 10 % of packets each way, where both FEC recovery (counted by
 * kcp-go's SNMP counters on its side, by {@link KcpChannel#fecRecoveredShards()} on ours) and
 * retransmission must occur. Several MiB echo, SHA-256 checked end to end. Skipped without Go or
 * kcp-go, except in CI.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GoKcpInteropTest {
    private static final Pattern LISTEN = Pattern.compile("LISTEN (\\S+):(\\d+)");
    private static final Pattern CLIENT = Pattern.compile(
            "CLIENT (\\d+) ([0-9a-f]{64}) ([0-9a-f]{64}) fecrecovered=(\\d+) retrans=(\\d+)");
    private static final Pattern STATS = Pattern.compile("STATS fecrecovered=(\\d+) retrans=(\\d+)");
    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);
    @RegisterExtension
    static final TestEventLoops LOOPS = TestEventLoops.nio(2);

    @BeforeAll
    static void start() throws Exception {
        GoPeer.build();
    }

    /** kcp-go's client against our server, clean and on a lossy path. */
    @ParameterizedTest(name = "loss {0}, {1} bytes")
    @CsvSource({"0, 4194304", "0.1, 2097152"})
    void goClientAgainstOurServer(double loss, int size) throws Exception {
        try (LossyEchoServer echoServer = new LossyEchoServer(LOOPS.group(), loss, 7);
             GoPeer go = GoPeer.start("client-" + loss, "client", "127.0.0.1:" + echoServer.address().getPort(),
                     Integer.toString(size), "11")) {
            Matcher m = go.await(CLIENT, 60);
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(size);
            assertThat(m.group(3)).as("echo received by kcp-go").isEqualTo(m.group(2));
            assertThat(echoServer.echo.onlyDigest()).as("bytes our server received").isEqualTo(m.group(2));
            assertThat(go.waitForExit(10)).isZero();
            if (echoServer.relay != null) {
                assertThat(echoServer.relay.dropped.get()).isPositive();
                assertThat(Long.parseLong(m.group(4))).as("kcp-go rebuilt our data shards").isPositive();
                assertThat(Long.parseLong(m.group(5))).as("kcp-go retransmitted").isPositive();
                KcpChannel session = (KcpChannel) echoServer.echo.digests.keySet().iterator().next();
                long ours = session.eventLoop().submit(session::fecRecoveredShards).get();
                assertThat(ours).as("we rebuilt kcp-go's data shards").isPositive();
            }
        }
    }

    /** Our client against kcp-go's server, clean and on a lossy path. */
    @ParameterizedTest(name = "loss {0}, {1} bytes")
    @CsvSource({"0, 4194304", "0.1, 2097152"})
    void ourClientAgainstGoServer(double loss, int size) throws Exception {
        try (GoPeer go = GoPeer.start("server-" + loss, "server", "127.0.0.1:0")) {
            Matcher listen = go.await(LISTEN, 20);
            InetSocketAddress goServer = new InetSocketAddress(listen.group(1), Integer.parseInt(listen.group(2)));
            LossyRelay relay = loss > 0 ? new LossyRelay(goServer, loss, 9) : null;
            try {
                HashingReader collector = HashingReader.collecting(size);
                KcpChannel client = KcpClient.connect(LOOPS.group(), relay != null ? relay.address() : goServer,
                        KcpConfig.frpClient(), collector).sync().getNow();
                String sent = KcpChannelTest.send(client, KcpChannelTest.random(size, 12));
                assertThat(collector.done.get(60, TimeUnit.SECONDS)).as("echo from kcp-go").isEqualTo(sent);
                if (relay != null) {
                    assertThat(relay.dropped.get()).isPositive();
                    long ours = client.eventLoop().submit(client::fecRecoveredShards).get();
                    assertThat(ours).as("we rebuilt kcp-go's data shards").isPositive();
                    Thread.sleep(500); // the peer prints its counters every 200 ms
                    Matcher stats = go.latest(STATS);
                    assertThat(stats).as("kcp-go counters").isNotNull();
                    assertThat(Long.parseLong(stats.group(1))).as("kcp-go rebuilt our data shards").isPositive();
                    assertThat(Long.parseLong(stats.group(2))).as("kcp-go retransmitted").isPositive();
                }
                client.close().sync();
            } finally {
                if (relay != null) {
                    relay.close();
                }
            }
        }
    }

    /** frp's xtcp end: conv 1 over a given UDP socket, both sides windows 1024/1024. */
    @Test
    void xtcpStyleConvOneAgainstKcpGoNewConn3() throws Exception {
        DatagramChannel udp = (DatagramChannel) new Bootstrap().group(LOOPS.group()).channel(NioDatagramChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).bind(ANY).sync().channel();
        // the Go side binds a port of its own choosing: find a free one, then hand it over
        int goPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(ANY)) {
            goPort = probe.getLocalPort();
        }
        InetSocketAddress goAddress = new InetSocketAddress("127.0.0.1", goPort);
        EchoHandler echo = new EchoHandler();
        KcpChannel ours = KcpClient.attach(udp, goAddress, 1, KcpConfig.frpXtcp(), echo).sync().getNow();
        int size = 1 << 20;
        try (GoPeer go = GoPeer.start("xtcp", "xtcp", "127.0.0.1:" + goPort,
                "127.0.0.1:" + udp.localAddress().getPort(), Integer.toString(size), "13")) {
            Matcher m = go.await(CLIENT, 60);
            assertThat(m.group(3)).isEqualTo(m.group(2));
            assertThat(echo.onlyDigest()).isEqualTo(m.group(2));
        } finally {
            ours.close().sync();
        }
    }
}

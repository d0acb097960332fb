package io.jfrp.e2e.multi;

import io.jfrp.client.servers.LinkState;
import io.jfrp.client.MultiServerClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerAddress;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployment of docs/multi-server.md, for real: HAProxy (Debian's) in front of two jfrps
 * processes, one jfrpc on both with a tcp and an http proxy. A long stream of hash-checked requests
 * goes through HAProxy while one jfrps is killed with SIGKILL and later started again: requests in
 * flight on the dead server fail fast (or HAProxy retries them), every request started after the
 * health checks had time to notice succeeds, nothing arrives corrupted, and the restarted server
 * serves again once its client is back.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class HaproxyFailoverTest extends E2eCase {
    private static final String TOKEN = "haproxy";
    private static final String HOST = "app.test";
    /** How long HAProxy may take to see a dead server: 2 failed checks, plus one interval of slack. */
    private static final long DETECTION_MS = 3L * Haproxy.CHECK_INTER_MS + 1000;
    /** A failed request must fail within this: no hanging until a timeout. */
    private static final long FAIL_FAST_MS = 3000;

    private JfrpsProcess a;
    private JfrpsProcess b;
    private JfrpsFile fileA;
    private MultiServerClient client;
    private Haproxy haproxy;
    private int tcpFront;
    private int httpFront;

    @BeforeEach
    void setUp() throws Exception {
        IdEchoService tcpService = closer.add(new IdEchoService(7));
        HashEchoHttpService httpService = closer.add(new HashEchoHttpService());
        int vhost = E2e.freePort();
        int remote = E2e.freePort();
        fileA = JfrpsFile.write(dir, "a", TOKEN, "127.0.0.2", E2e.freePort(), vhost);
        JfrpsFile fileB = JfrpsFile.write(dir, "b", TOKEN, "127.0.0.3", E2e.freePort(), vhost);
        // Both JVMs start at once; the test begins when both listen.
        a = closer.add(new JfrpsProcess(fileA).launch());
        b = closer.add(new JfrpsProcess(fileB).launch());
        a.awaitListening(Duration.ofSeconds(30));
        b.awaitListening(Duration.ofSeconds(30));
        ClientConfig config = ClientConfig.loopback(fileA.bindPort(), TOKEN, List.of(
                        ProxyBuilder.tcp("echo", "127.0.0.1", tcpService.port(), remote).build(),
                        ProxyBuilder.http("web", "127.0.0.1", httpService.port(), HOST).build()))
                .withServers(List.of(new ServerAddress("127.0.0.1", fileA.bindPort(), ""),
                        new ServerAddress("127.0.0.1", fileB.bindPort(), "")));
        client = closer.add(new MultiServerClient(config));
        client.start().get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> client.proxyResults().values().stream()
                .allMatch(r -> r.containsKey("echo") && r.containsKey("web")));
        tcpFront = E2e.freePort();
        httpFront = E2e.freePort();
        haproxy = closer.add(Haproxy.start(dir, List.of(new Haproxy.Backend("a", fileA), new Haproxy.Backend("b", fileB)),
                tcpFront, remote, httpFront, HOST, E2e.freePort()));
        for (String backend : List.of("jfrps_tcp", "jfrps_http")) {
            for (String server : List.of("a", "b")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> haproxy.status(backend, server).equals("UP"));
            }
        }
    }

    @Test
    void tcpAndHttpThroughHaproxySurviveTheKillAndReturnOfOneServer() throws Exception {
        List<String> backends = List.of("jfrps_tcp", "jfrps_http");
        List<RequestStream> streams = List.of(
                closer.add(new RequestStream(3, 200_000,
                        seed -> HashedRequest.run("127.0.0.1", tcpFront, 64 << 10, seed, 5000))),
                closer.add(new RequestStream(3, 200_000,
                        seed -> HashedHttpRequest.run(httpFront, HOST, 8 << 10, seed, 5000))));
        for (RequestStream stream : streams) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.completed() >= 100);
        }
        for (String backend : backends) {
            assertThat(haproxy.sessions(backend, "a")).as("both servers take requests").isPositive();
            assertThat(haproxy.sessions(backend, "b")).isPositive();
        }

        long killed = System.nanoTime();
        a.kill();
        long[] down = new long[backends.size()];
        for (int i = 0; i < backends.size(); i++) {
            String backend = backends.get(i);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> haproxy.status(backend, "a").startsWith("DOWN"));
            down[i] = System.nanoTime();
        }
        for (RequestStream stream : streams) {
            long atDown = stream.completed();
            await().atMost(Duration.ofSeconds(20)).until(() -> stream.completed() >= atDown + 100);
        }
        assertThat(client.serverStatuses().get(0).state()).isNotEqualTo(LinkState.ONLINE);
        assertThat(client.serverStatuses().get(1).state()).isEqualTo(LinkState.ONLINE);

        a = closer.add(new JfrpsProcess(fileA).start(Duration.ofSeconds(30)));
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(40)).until(() -> client.serverStatuses().get(0).state() == LinkState.ONLINE);
        for (String backend : backends) {
            await().atMost(Duration.ofSeconds(10)).until(() -> haproxy.status(backend, "a").equals("UP"));
            long sessionsAfterRestart = haproxy.sessions(backend, "a");
            await().atMost(Duration.ofSeconds(20)).until(() -> haproxy.sessions(backend, "a") >= sessionsAfterRestart + 20);
        }
        long back = System.nanoTime();
        for (int i = 0; i < backends.size(); i++) {
            List<RequestStream.Sample> samples = streams.get(i).stop();
            long failed = samples.stream().filter(s -> !s.outcome().ok()).count();
            System.out.printf("HaproxyFailoverTest %s: %d requests, %d failed; HAProxy saw the dead server down after"
                            + " %d ms; the restarted one served again %d ms after its start%n", backends.get(i),
                    samples.size(), failed, (down[i] - killed) / 1_000_000, (back - restarted) / 1_000_000);
            assertSurvived(samples, killed, down[i]);
        }
    }

    private static void assertSurvived(List<RequestStream.Sample> samples, long killed, long down) {
        assertThat(samples).as("nothing arrives corrupted").noneMatch(s -> s.outcome().corrupted());
        assertThat(down - killed).as("health checks see the dead server").isLessThan(DETECTION_MS * 1_000_000);
        for (RequestStream.Sample s : samples) {
            if (s.outcome().ok()) {
                continue;
            }
            assertThat(s.startNanos()).as("a failed request (%s) started before the health checks could know",
                    s.outcome().error()).isLessThan(killed + DETECTION_MS * 1_000_000);
            assertThat(s.endNanos() - Math.max(s.startNanos(), killed))
                    .as("a request in flight on the dead server fails fast (%s)", s.outcome().error())
                    .isLessThan(FAIL_FAST_MS * 1_000_000);
        }
        assertThat(samples).filteredOn(s -> s.startNanos() > down).as("requests after the detection")
                .hasSizeGreaterThanOrEqualTo(100).allMatch(s -> s.outcome().ok());
    }
}

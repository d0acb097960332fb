package io.jfrp.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an unauthenticated or hostile peer can make the server hold is bounded: huge request lines
 * and heads, huge bodies (declared or chunked, with and without credentials), slow heads, idle
 * connections, floods of pipelined requests and of connections, and random garbage. After each
 * attack the server still answers a normal request.
 */
class HostileRequestsTest {
    private static final String AUTH = RawHttp.basic("admin", "pw");
    private WebServer server;
    private final AtomicInteger bodiesSeen = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(WebServerLimits limits) throws IOException {
        server = new WebServer(WebServerConfig.plain("127.0.0.1", 0).withCredentials("admin", "pw"), limits);
        server.router().post("/api/body", r -> {
            bodiesSeen.incrementAndGet();
            return WebResponse.of(HttpResponseStatus.OK, WebResponse.TEXT_PLAIN, String.valueOf(r.body().length)
                    .getBytes(StandardCharsets.UTF_8));
        });
        server.startOnAnyPort();
    }

    /**
     * Writes {@code writes} one after the other on a new connection; asserts that the answer has
     * {@code status} and that the server then closes the connection; returns the answer.
     */
    private RawHttp.Response answeredThenClosed(int status, String... writes) throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            for (String w : writes) {
                c.send(w);
            }
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(status);
            assertThat(c.closedByServer()).isTrue();
            return r;
        }
    }

    private void assertStillServes() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            assertThat(c.send(RawHttp.get("/healthz")).read().status()).isEqualTo(200);
        }
    }

    @Test
    void hugeRequestLineGets414AndClose() throws Exception {
        start(WebServerLimits.DEFAULTS);
        answeredThenClosed(414, RawHttp.get("/" + "a".repeat(20_000)));
        assertStillServes();
    }

    @Test
    void hugeHeadGets431AndClose() throws Exception {
        start(WebServerLimits.DEFAULTS);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            headers.add("X-Junk-" + i + ": " + "v".repeat(100));
        }
        answeredThenClosed(431, RawHttp.get("/healthz", headers.toArray(String[]::new)));
        assertStillServes();
    }

    @Test
    void declaredHugeBodyGets413BeforeItIsSent() throws Exception {
        start(WebServerLimits.DEFAULTS);
        RawHttp.Response r = answeredThenClosed(413,
                "POST /api/body HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\nContent-Length: 100000000\r\n\r\n");
        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(bodiesSeen).hasValue(0);
        assertStillServes();
    }

    @Test
    void chunkedBodyOverTheLimitGets413AndClose() throws Exception {
        start(WebServerLimits.DEFAULTS.withMaxBodySize(1024));
        String chunk = Integer.toHexString(512) + "\r\n" + "x".repeat(512) + "\r\n";
        answeredThenClosed(413, "POST /api/body HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunk + chunk + chunk);
        assertThat(bodiesSeen).hasValue(0);
        assertStillServes();
    }

    @Test
    void bodyWithinTheLimitIsServed() throws Exception {
        start(WebServerLimits.DEFAULTS.withMaxBodySize(1024));
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Response r = c.send("POST /api/body HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\nContent-Length: 1024\r\n\r\n"
                    + "y".repeat(1024)).read();
            assertThat(r.text()).isEqualTo("1024");
        }
    }

    @Test
    void unauthenticatedBodiesAreNeverStored() throws Exception {
        // Body limit 1 KiB, but the unauthenticated body of 200 KiB is dropped as it streams in: the answer is
        // the 401, not a 413, and the connection stays usable for the next (authenticated) request.
        start(WebServerLimits.DEFAULTS.withMaxBodySize(1024));
        try (RawHttp c = new RawHttp(server.port())) {
            int size = 200 * 1024;
            c.send("POST /api/body HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
            c.send(new byte[size]);
            assertThat(c.read().status()).isEqualTo(401);
            RawHttp.Response ok = c.send("POST /api/body HTTP/1.1\r\nHost: x\r\n" + AUTH + "\r\nContent-Length: 3\r\n\r\nabc")
                    .read();
            assertThat(ok.text()).isEqualTo("3");
        }
        assertThat(bodiesSeen).hasValue(1);
    }

    @Test
    void slowHeadIsClosedAtTheReadTimeout() throws Exception {
        start(WebServerLimits.DEFAULTS.withTimeouts(Duration.ofMillis(600), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        try (RawHttp c = new RawHttp(server.port())) {
            long start = System.nanoTime();
            // One byte every 100 ms: never idle long, but the head is not complete within 600 ms.
            boolean closed = false;
            byte[] head = RawHttp.get("/healthz", "X-Slow: " + "s".repeat(200)).getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < head.length - 2 && !closed; i++) {
                try {
                    c.send(new byte[]{head[i]});
                } catch (IOException e) {
                    closed = true;
                }
                Thread.sleep(100);
                if (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) > 3_000) {
                    break;
                }
            }
            assertThat(closed || c.closedByServer()).as("closed by the read deadline").isTrue();
        }
        assertStillServes();
    }

    @Test
    void idleConnectionIsClosedAtTheIdleTimeout() throws Exception {
        start(WebServerLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(300)));
        try (RawHttp c = new RawHttp(server.port())) {
            assertThat(c.send(RawHttp.get("/healthz")).read().status()).isEqualTo(200);
            assertThat(c.closedByServer()).as("idle after a response").isTrue();
        }
        try (RawHttp c = new RawHttp(server.port())) {
            assertThat(c.closedByServer()).as("idle from the start").isTrue();
        }
    }

    @Test
    void tooManyPipelinedRequestsClose() throws Exception {
        start(WebServerLimits.DEFAULTS);
        try (RawHttp c = new RawHttp(server.port())) {
            // 200 unauthenticated requests in one write: each would wait 200 ms; the queue is capped instead.
            c.send(RawHttp.get("/api/x").repeat(200));
            await().atMost(Duration.ofSeconds(10)).until(c::closedByServer);
        }
        assertStillServes();
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        start(WebServerLimits.DEFAULTS.withMaxConnections(4));
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawHttp c = new RawHttp(server.port());
                c.send(RawHttp.get("/healthz")).read();
                held.add(c);
            }
            try (RawHttp extra = new RawHttp(server.port())) {
                assertThat(extra.closedByServer()).isTrue();
            }
        } finally {
            for (RawHttp c : held) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
        assertStillServes();
    }

    @Test
    void randomGarbageIsAnsweredOrClosedAndNeverBreaksTheServer() throws Exception {
        start(WebServerLimits.DEFAULTS.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMillis(500)));
        Random random = new Random(42);
        String[] prefixes = {"", "GET ", "GET / HTTP/1.1\r\n", "POST /api/body HTTP/1.1\r\nContent-Length: ",
                "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n" + AUTH + "\r\n\r\n"};
        for (int i = 0; i < 60; i++) {
            byte[] junk = new byte[random.nextInt(4096) + 1];
            random.nextBytes(junk);
            try (RawHttp c = new RawHttp(server.port())) {
                c.socket.setSoTimeout(3_000);
                try {
                    c.send(prefixes[i % prefixes.length]).send(junk);
                } catch (IOException e) {
                    continue; // closed while we wrote: fine
                }
                // Either an error answer or a close, within the timeouts; never a hang, never a 2xx.
                try {
                    RawHttp.Response r = c.read();
                    assertThat(r.status()).as("answer to junk #%d", i).isGreaterThanOrEqualTo(400);
                } catch (IOException | RuntimeException closed) {
                    // closed without an answer
                }
            }
        }
        assertStillServes();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.openConnections() == 0);
    }
}

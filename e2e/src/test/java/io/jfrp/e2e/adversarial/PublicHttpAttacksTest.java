package io.jfrp.e2e.adversarial;

import com.sun.net.httpserver.HttpServer;
import io.jfrp.config.model.PublicLimits;
import io.jfrp.config.model.VhostConfig;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import io.jfrp.server.FrpServer;
import io.jfrp.server.security.CloseReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a public client can do to vhostHTTPPort, with raw sockets against a jfrps whose request-head
 * deadline is 2 s, while a healthy client keeps getting a hash-checked page through an http proxy
 * (a JDK HTTP server behind a jfrpc): slowloris connections that trickle a request head are closed
 * at their deadline without an answer, and a request line or header block over its limit, or more
 * header fields than jfrp.security.httpMaxHeaders, gets 414 or 431 and its connection closed.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PublicHttpAttacksTest extends E2eCase {
    private static final Duration HEAD_DEADLINE = Duration.ofSeconds(2);
    private static final String HOST = "web.example.test";
    private static final byte[] PAGE = new byte[48 * 1024];

    static {
        new Random(9).nextBytes(PAGE);
    }

    private HttpServer site;
    private FrpServer server;
    private int httpPort;

    @BeforeEach
    void start() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, PAGE.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(PAGE);
            }
        });
        site.start();
        httpPort = E2e.freePort();
        server = server("public-http", c -> c
                .withVhost(VhostConfig.OFF.withHttpPort(httpPort))
                .withSecurity(s -> s.withPublicSide(new PublicLimits(HEAD_DEADLINE, 100, 256))));
        var client = clientLoggedIn(server.address().getPort(), "public-http",
                List.of(ProxyBuilder.http("web", "127.0.0.1", site.getAddress().getPort(), HOST).build()));
        assertThat(E2e.awaitProxy(client, "web").error()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertPageIntact());
    }

    @AfterEach
    void stopSite() {
        site.stop(0);
    }

    /** One GET through the vhost; the page arrives whole (SHA-256 of the body). */
    private void assertPageIntact() throws Exception {
        try (Socket s = new Socket("127.0.0.1", httpPort)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] all = s.getInputStream().readAllBytes();
            String response = new String(all, StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 200");
            int body = response.indexOf("\r\n\r\n") + 4;
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertThat(sha.digest(Arrays.copyOfRange(all, body, all.length)))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(PAGE));
        }
    }

    /** Pages fetched one after another until stopped; how many arrived intact (or the first failure). */
    private final class HealthyVisitor {
        final AtomicBoolean stop = new AtomicBoolean();
        final CompletableFuture<Integer> pages = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try {
                while (!stop.get() && n < 10_000) {
                    assertPageIntact();
                    n++;
                }
                return n;
            } catch (Exception | AssertionError e) {
                throw new IllegalStateException("page " + n + " for the healthy visitor failed", e);
            }
        });

        int stop() throws Exception {
            stop.set(true);
            int n = pages.get(60, TimeUnit.SECONDS);
            assertThat(n).as("pages the healthy visitor got during the attack").isPositive();
            return n;
        }
    }

    @Test
    void slowlorisConnectionsAreClosedAtTheirDeadlineWhileOthersAreServed() throws Exception {
        HealthyVisitor visitor = new HealthyVisitor();
        List<Socket> trickling = new ArrayList<>();
        AtomicBoolean stopTrickle = new AtomicBoolean();
        CompletableFuture<Void> trickle;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket();
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                s.connect(new InetSocketAddress("127.0.0.1", httpPort), 5000);
                s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n").getBytes(StandardCharsets.US_ASCII));
                trickling.add(s);
            }
            // one byte of a never-ending header block every 100 ms on every connection
            trickle = CompletableFuture.runAsync(() -> {
                byte[] header = "X-Slow: z\r\n".getBytes(StandardCharsets.US_ASCII);
                for (int k = 0; !stopTrickle.get() && k < 600; k++) {
                    for (Socket s : trickling) {
                        try {
                            s.getOutputStream().write(header[k % header.length]);
                        } catch (IOException closedByServer) {
                            // expected once its deadline passed
                        }
                    }
                    try {
                        Thread.sleep(100); // the pace of the attack, not a wait for a result
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            for (Socket s : trickling) {
                assertThat(readUntilClosed(s, 30_000)).as("what a slowloris connection got").isEmpty();
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(tookMillis).as("closed no earlier than the deadline").isGreaterThanOrEqualTo(HEAD_DEADLINE.toMillis());
        } finally {
            stopTrickle.set(true);
            for (Socket s : trickling) {
                s.close();
            }
        }
        trickle.get(10, TimeUnit.SECONDS);
        System.out.printf("%d intact pages for the healthy visitor during the slowloris%n", visitor.stop());
        assertPageIntact();
    }

    @Test
    void tooLongALineOrTooManyHeadersGetsAClearStatusAndTheConnectionClosed() throws Exception {
        HealthyVisitor visitor = new HealthyVisitor();
        String longUri = "/" + "a".repeat(17 * 1024);
        assertThat(statusThenClosed("GET " + longUri + " HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"))
                .as("a request line over 16 KiB").isEqualTo(414);
        assertThat(statusThenClosed("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nCookie: " + "c".repeat(70 * 1024) + "\r\n\r\n"))
                .as("headers over 64 KiB").isEqualTo(431);
        StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: " + HOST + "\r\n");
        for (int i = 0; i < 100; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(statusThenClosed(many + "\r\n")).as("101 header fields").isEqualTo(431);
        assertThat(statusThenClosed("GET / HTTP/1.1\r\nHost " + HOST + "\r\n\r\n")).as("a header without a colon")
                .isEqualTo(400);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.security().closes(CloseReason.HTTP_TOO_MANY_HEADERS)).isEqualTo(1));
        System.out.printf("%d intact pages for the healthy visitor meanwhile%n", visitor.stop());
    }

    /** Sends {@code request}; the status of the answer, asserting the server closes the connection after it. */
    private int statusThenClosed(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", httpPort)) {
            s.setSoTimeout(20_000);
            try {
                s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the server may answer and close before it read everything: the answer is still there to read
            }
            String response = new String(readUntilClosed(s, 20_000), StandardCharsets.ISO_8859_1);
            assertThat(response).as("an answer, then the connection closed").startsWith("HTTP/1.1 ");
            assertThat(response.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    /** Everything the server sends until it closes the connection; fails if it is still open after {@code millis}. */
    private static byte[] readUntilClosed(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after " + millis + " ms (got " + got.size() + " bytes)");
        } catch (IOException reset) {
            // closed with a reset (unread bytes of ours were left): closed all the same
        }
        return got.toByteArray();
    }
}

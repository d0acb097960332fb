package io.jfrp.e2e.vhost;

import ch.qos.logback.classic.Level;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.LogCapture;
import io.jfrp.mux.LogBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests through the http vhost to a proxy whose service fails are public input: each would write a
 * line in jfrps (the request failed, the service closed without a response, a bad response) and in
 * jfrpc (the service could not be reached). Those lines go through the proxy's budgets, at most
 * {@link LogBudget#DEFAULT_LINES} per window each, while another site keeps answering.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpFailureLogTest extends HttpVhostCase {
    private static final int REQUESTS = 60;

    @Test
    void requestsToAProxyWhoseServiceIsDownWriteABoundedNumberOfLines() throws Exception {
        f = fixture();
        HttpEchoBackend up = f.backend("up");
        f.clientUp(ProxyBuilder.http("up", "127.0.0.1", up.port(), "up.test").build(),
                ProxyBuilder.http("down", "127.0.0.1", E2e.freePort(), "down.test").build()); // nothing listens
        assertBoundedLines("down.test", "[down]", "the service closed the connection without a response");
        assertThat(f.curl("up.test", "/").status()).isEqualTo(200);
    }

    @Test
    void requestsToAProxyWhoseServiceAnswersGarbageWriteABoundedNumberOfLines() throws Exception {
        f = fixture();
        HttpEchoBackend up = f.backend("up");
        ServerSocket garbage = f.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread service = new Thread(() -> {
            while (!garbage.isClosed()) {
                try (Socket c = garbage.accept()) {
                    c.getInputStream().read(new byte[4096]);
                    c.getOutputStream().write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    return;
                }
            }
        }, "garbage-service");
        service.setDaemon(true);
        service.start();
        f.clientUp(ProxyBuilder.http("up", "127.0.0.1", up.port(), "up.test").build(),
                ProxyBuilder.http("bad", "127.0.0.1", garbage.getLocalPort(), "bad.test").build());
        assertBoundedLines("bad.test", "[bad]", "bad response from the service");
        assertThat(f.curl("up.test", "/").status()).isEqualTo(200);
    }

    /** {@link #REQUESTS} requests to {@code host}, each answered; jfrps's lines naming {@code proxy} bounded. */
    private void assertBoundedLines(String host, String proxy, String expected) throws Exception {
        long start = System.nanoTime();
        try (LogCapture lines = new LogCapture("io.jfrp")) {
            int answered = 0;
            for (int i = 0; i < REQUESTS; i++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.httpPort)) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(("GET /" + i + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    if (answer.startsWith("HTTP/1.1 ")) {
                        answered++;
                    }
                }
            }
            long windows = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) / LogBudget.DEFAULT_WINDOW_MILLIS;
            List<String> written = lines.messages(Level.INFO).stream()
                    .filter(l -> l.startsWith("io.jfrp.server") && l.contains(proxy)).toList();
            System.out.printf("%s: %d requests to %s answered, %d lines from jfrps about them (%d windows)%n",
                    getClass().getSimpleName(), answered, host, written.size(), windows + 1);
            assertThat(answered).as("every request answered").isEqualTo(REQUESTS);
            // a window begun before may end and another begin, each with its lines and a count
            assertThat(written).as("jfrps's lines for %d failed requests", REQUESTS)
                    .hasSizeLessThanOrEqualTo((int) (windows + 2) * (LogBudget.DEFAULT_LINES + 1))
                    .anyMatch(l -> l.contains(expected));
        }
    }
}

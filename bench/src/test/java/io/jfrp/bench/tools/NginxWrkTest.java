package io.jfrp.bench.tools;

import io.jfrp.testkit.RequiredTools;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The nginx runner serves its files on loopback, and wrk run against it reports a rate. */
public class NginxWrkTest {
    @Test
    void servesTheFileAndThePageAndWrkMeasuresIt() throws Exception {
        RequiredTools.requireOnPath("nginx", "wrk");
        Path dir;
        try (Nginx nginx = Nginx.start()) {
            assertThat(nginx.address().getAddress().isLoopbackAddress()).isTrue();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + nginx.address().getPort();
            HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(base + Nginx.FILE_PATH)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).hasSize(Nginx.FILE_BYTES);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + Nginx.PAGE_PATH)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("jfrp bench page");
            assertThat(page.headers().firstValue("content-type")).hasValue("text/html");

            Wrk.Result r = Wrk.run(base + Nginx.FILE_PATH, 4, Duration.ofSeconds(1), "bench.example");
            assertThat(r.requestsPerSecond()).isGreaterThan(100);
            assertThat(r.errors()).isZero();
            assertThat(r.p50Us()).isPositive().isLessThanOrEqualTo(r.p99Us());
            dir = nginx.directory();
            assertThat(dir.resolve("nginx.conf")).exists();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void wrkAgainstAClosedPortFailsWithItsMessage() throws Exception {
        RequiredTools.requireOnPath("wrk");
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try {
            Wrk.run("http://127.0.0.1:" + port + "/", 1, Duration.ofSeconds(1), null);
            throw new AssertionError("expected wrk to fail");
        } catch (java.io.IOException e) {
            assertThat(e.getMessage()).contains("wrk exited with").contains("127.0.0.1:" + port);
        }
    }
}

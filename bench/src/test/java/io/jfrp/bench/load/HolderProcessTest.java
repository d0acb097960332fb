package io.jfrp.bench.load;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connections proven by a fixed request and response ({@link IdleConnections}), and the load process
 * that holds them in a JVM of its own ({@link HolderProcess}), against a real HTTP server on loopback.
 */
class HolderProcessTest {
    private static final byte[] REQUEST = "GET /f HTTP/1.1\r\nHost: held.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What {@link SmallHttpServer} answers: 200 and 100 zero bytes. */
    private static byte[] answer() {
        byte[] head = "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(head, head.length + 100);
    }

    @Test
    void holdsConnectionsWhoseResponseIsExactlyTheExpectedOne() throws Exception {
        try (SmallHttpServer http = new SmallHttpServer(0, HttpResponseStatus.OK);
             IdleConnections held = IdleConnections.open(http.address, 200, 20, Duration.ofSeconds(30), REQUEST,
                     answer())) {
            assertThat(held.result().held()).as("first error: %s", held.result().firstError()).isEqualTo(200);
            assertThat(held.stillOpen()).isEqualTo(200);
            assertThat(http.hosts).hasSize(200).containsOnly("held.test");
        }
    }

    @Test
    void failsConnectionsWhoseResponseDiffersOrIsLonger() throws Exception {
        byte[] other = answer();
        other[9] = '4'; // "HTTP/1.1 400"
        byte[] shorter = Arrays.copyOf(answer(), answer().length - 1);
        try (SmallHttpServer http = new SmallHttpServer(0, HttpResponseStatus.OK);
             IdleConnections differs = IdleConnections.open(http.address, 5, 5, Duration.ofSeconds(30), REQUEST, other);
             IdleConnections longer = IdleConnections.open(http.address, 5, 5, Duration.ofSeconds(30), REQUEST,
                     shorter)) {
            assertThat(differs.result().held()).isZero();
            assertThat(differs.result().firstError()).contains("differs from the expected at byte 9");
            assertThat(longer.result().held()).isZero();
            assertThat(longer.result().firstError()).contains("more bytes");
        }
        assertThatThrownBy(() -> IdleConnections.open(null, 1, 1, Duration.ofSeconds(1), REQUEST, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHolderProcessOpensMoreOnEachCommandCountsAndClosesThemWhenStopped(@TempDir Path dir) throws Exception {
        Path request = Files.write(dir.resolve("request.bin"), REQUEST);
        Path response = Files.write(dir.resolve("response.bin"), answer());
        try (SmallHttpServer http = new SmallHttpServer(0, HttpResponseStatus.OK)) {
            HolderProcess holder = HolderProcess.start(dir, "load-test", http.address, request, response, 64);
            try {
                assertThat(holder.handle().pid()).isNotEqualTo(ProcessHandle.current().pid());
                holder.startOpening(30, Duration.ofSeconds(30));
                IdleConnections.Result first = holder.opened(30, Duration.ofSeconds(60));
                holder.startOpening(20, Duration.ofSeconds(30));
                IdleConnections.Result second = holder.opened(20, Duration.ofSeconds(60));

                assertThat(first.held()).as("first error: %s", first.firstError()).isEqualTo(30);
                assertThat(second.held()).isEqualTo(20);
                assertThat(second.failed()).isZero();
                assertThat(holder.stillOpen()).isEqualTo(50);
                assertThat(http.accepted.get()).isEqualTo(50);
                assertThat(ProcessFiles.openFiles(holder.handle().pid())).isGreaterThanOrEqualTo(50);
            } finally {
                holder.close();
            }
            assertThat(holder.child().process.isAlive()).isFalse();
        }
    }

    @Test
    void theAnswerLineCarriesTheResultWithOrWithoutAnError() {
        IdleConnections.Result ok = new IdleConnections.Result(10, 10, 0, 1.5, null);
        IdleConnections.Result bad = new IdleConnections.Result(10, 7, 3, 2.25, "connect to /127.0.0.1:1 failed: x y");
        String okLine = HolderProcess.formatOpened(ok);
        String badLine = HolderProcess.formatOpened(bad);

        assertThat(HolderProcess.parseOpened(10, okLine.substring("OPENED ".length()))).isEqualTo(ok);
        assertThat(HolderProcess.parseOpened(10, badLine.substring("OPENED ".length()))).isEqualTo(bad);
    }
}

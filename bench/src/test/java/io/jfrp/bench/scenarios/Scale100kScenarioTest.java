package io.jfrp.bench.scenarios;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** scale-100k's pieces: how it spreads the connections, and how it checks and reads an HTTP response. */
class Scale100kScenarioTest {
    private static final byte[] FILE = "the file's bytes\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] response(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    private static final byte[] GOOD = response("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 17"
            + "\r\n\r\n", FILE);

    @Test
    void spreadsOneHundredThousandOverSixServersUnderTwentyThousandDescriptorsEach() {
        Scale100kScenario.Plan plan = Scale100kScenario.plan(100_000, 20_000, 28_232);

        assertThat(plan.servers()).isEqualTo(6);
        assertThat(Arrays.stream(plan.shares()).sum()).isEqualTo(100_000);
        assertThat(plan.shares()).containsExactly(16_667, 16_667, 16_667, 16_667, 16_666, 16_666);
        assertThat(Arrays.stream(plan.shares()).max().getAsInt() + Scale100kScenario.HEADROOM).isLessThanOrEqualTo(20_000);
        assertThat(plan.warmUp()).containsExactly(1_666, 1_666, 1_666, 1_666, 1_666, 1_666);
        assertThat(plan.warmUpTotal()).isEqualTo(9_996);
    }

    @Test
    void takesAtLeastTwoServersAndNoMoreConnectionsPerServerThanEphemeralPorts() {
        assertThat(Scale100kScenario.plan(10_000, 20_000, 28_232).servers()).isEqualTo(2);
        assertThat(Scale100kScenario.plan(2, 20_000, 28_232).shares()).containsExactly(1, 1);
        // a raised file limit: the ports one source address has for one destination bound each share
        Scale100kScenario.Plan ports = Scale100kScenario.plan(100_000, 1_048_576, 28_232);
        assertThat(ports.servers()).isEqualTo(4);
        assertThat(Arrays.stream(ports.shares()).max().getAsInt()).isLessThanOrEqualTo(28_232);
    }

    @Test
    void refusesPlansThatCannotBeHeld() {
        assertThatThrownBy(() -> Scale100kScenario.plan(100_000, 2_000, 28_232)).hasMessageContaining("no room");
        assertThatThrownBy(() -> Scale100kScenario.plan(100_000, 3_100, 28_232)).hasMessageContaining("1000 jfrps");
        assertThatThrownBy(() -> Scale100kScenario.plan(1, 20_000, 28_232)).hasMessageContaining("at least 2");
    }

    @Test
    void eachServerHasItsOwnLoopbackAddress() {
        assertThat(Scale100kScenario.serverHost(0)).isEqualTo("127.0.0.101");
        assertThat(Scale100kScenario.serverHost(5)).isEqualTo("127.0.0.106");
    }

    @Test
    void acceptsTheFilesWholeResponseOnly() {
        assertThat(Scale100kScenario.checkResponse(GOOD, FILE)).isSameAs(GOOD);
        assertThatThrownBy(() -> Scale100kScenario.checkResponse(response("HTTP/1.1 404 Not Found\r\n"
                + "content-length: 17\r\n\r\n", FILE), FILE)).hasMessageContaining("404");
        assertThatThrownBy(() -> Scale100kScenario.checkResponse(response("HTTP/1.1 200 OK\r\n"
                + "content-length: 16\r\n\r\n", Arrays.copyOf(FILE, 16)), FILE)).hasMessageContaining("not the file's");
        byte[] other = FILE.clone();
        other[3] = 'X';
        assertThatThrownBy(() -> Scale100kScenario.checkResponse(response("HTTP/1.1 200 OK\r\n"
                + "content-length: 17\r\n\r\n", other), FILE)).hasMessageContaining("not the file's");
        assertThatThrownBy(() -> Scale100kScenario.checkResponse(response("HTTP/1.1 200 OK\r\n\r\n", FILE), FILE))
                .hasMessageContaining("no Content-Length");
        assertThatThrownBy(() -> Scale100kScenario.checkResponse(response("HTTP/1.1 200 OK\r\n", FILE), FILE))
                .hasMessageContaining("no end of the response head");
    }

    @Test
    void aResponseIsCompleteWithItsHeadAndContentLengthBytes() {
        assertThat(Scale100kScenario.completeLength(GOOD, GOOD.length)).isEqualTo(GOOD.length);
        assertThat(Scale100kScenario.completeLength(GOOD, GOOD.length - 1)).isZero();
        assertThat(Scale100kScenario.completeLength(GOOD, 20)).isZero();
        byte[] twoAndMore = Arrays.copyOf(GOOD, GOOD.length + 5);
        assertThat(Scale100kScenario.completeLength(twoAndMore, twoAndMore.length)).isEqualTo(GOOD.length);
    }

    @Test
    void fetchReadsOneWholeResponseOverAKeptAliveConnection() throws Exception {
        byte[] request = Scale100kScenario.request();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] got = in.readNBytes(request.length);
                    OutputStream out = s.getOutputStream();
                    // the answer in two writes, the connection kept open after it
                    out.write(Arrays.equals(got, request) ? Arrays.copyOf(GOOD, 10) : new byte[0]);
                    out.flush();
                    Thread.sleep(50);
                    out.write(Arrays.copyOfRange(GOOD, 10, GOOD.length));
                    out.flush();
                    in.read();
                } catch (IOException | InterruptedException e) {
                    // the test's assertions tell
                }
            });
            t.start();
            byte[] got = Scale100kScenario.fetch(new InetSocketAddress("127.0.0.1", server.getLocalPort()), request);
            assertThat(got).isEqualTo(GOOD);
            t.join(5_000);
        }
    }
}

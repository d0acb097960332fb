package io.jfrp.e2e.vhost;

import io.jfrp.config.model.VhostConfig;
import io.jfrp.e2e.E2e;
import io.jfrp.e2e.E2eCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers jfrps writes to a public client and then closes on, while the client may still be sending:
 * the http vhost's 404 for a host it does not serve (the request's 64 KiB body unread) and the tcpmux
 * listener's refused CONNECT (64 KiB sent behind it before the answer, as a client that does not wait
 * would). The client reads the whole answer and then the server's FIN; a plain close answered the
 * unread bytes with a reset.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicRefusalAnswerTest extends E2eCase {
    private static final int MORE = 64 * 1024;

    @Test
    void theVhosts404ForAnUnknownHostArrivesThenAFinWithTheBodyUnread() throws Exception {
        int httpPort = E2e.freePort();
        server("token", c -> c.withVhost(VhostConfig.OFF.withHttpPort(httpPort)));
        String head = "POST /upload HTTP/1.1\r\nHost: nobody.test\r\nContent-Length: " + MORE
                + "\r\nConnection: close\r\n\r\n";
        Ending got = sendThenRead(httpPort, head, MORE);
        assertThat(got.text()).startsWith("HTTP/1.1 404 ");
        assertThat(got.reset()).as("the connection ended in a reset after: %s", got.text()).isFalse();
    }

    @Test
    void aRefusedTcpmuxConnectIsAnsweredThenAFin() throws Exception {
        int muxPort = E2e.freePort();
        server("token", c -> c.withVhost(VhostConfig.OFF.withTcpmuxHttpConnectPort(muxPort, false)));
        String head = "CONNECT nobody.test:443 HTTP/1.1\r\nHost: nobody.test:443\r\n\r\n";
        Ending got = sendThenRead(muxPort, head, MORE);
        assertThat(got.text()).startsWith("HTTP/1.1 404 ");
        assertThat(got.reset()).as("the connection ended in a reset after: %s", got.text()).isFalse();
    }

    /** What was read to the connection's end, and whether that end was a reset. */
    private record Ending(String text, boolean reset) {
    }

    /** Writes {@code head} and {@code more} zero bytes at once, then reads to the end. */
    private static Ending sendThenRead(int port, String head, int more) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[h.length + more];
            System.arraycopy(h, 0, all, 0, h.length);
            out.write(all);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            boolean reset = false;
            try {
                for (int r; (r = in.read(buf)) >= 0; ) {
                    read.write(buf, 0, r);
                }
            } catch (IOException e) {
                reset = true;
            }
            return new Ending(read.toString(StandardCharsets.ISO_8859_1), reset);
        }
    }
}

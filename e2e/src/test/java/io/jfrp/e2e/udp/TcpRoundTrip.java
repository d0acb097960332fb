package io.jfrp.e2e.udp;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A byte round trip through an echo without half-close (stock frp ends a relay at the first FIN):
 * {@code size} seeded bytes written while the same number is read back, SHA-256 compared.
 */
final class TcpRoundTrip {
    private TcpRoundTrip() {
    }

    /** Sends {@code size} seeded bytes to 127.0.0.1:{@code port} and asserts the same bytes come back. */
    static void assertEchoed(int port, int size, long seed) throws Exception {
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < size; off += 32 * 1024) {
                        out.write(payload, off, Math.min(32 * 1024, size - off));
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            InputStream in = s.getInputStream();
            byte[] back = in.readNBytes(size);
            writer.get(20, TimeUnit.SECONDS);
            assertThat(back.length).as("bytes echoed").isEqualTo(size);
            assertThat(sha256(back)).isEqualTo(sha256(payload));
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}

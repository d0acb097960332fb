package io.jfrp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A public user of a tunnel: connects to the server's remote port, sends {@code size} seeded
 * random bytes while reading the echo (a writer thread and the calling thread), half-closes, reads
 * to the end, and returns both SHA-256 digests. It gives up when no byte has moved for a minute:
 * none of its own, or, with a counter shared by several, none of any of them (many connections
 * through one tunnel on a loaded machine may each wait long for their turn while the tunnel moves).
 */
final class PublicClient {
    /** How long nothing may move before a read gives up. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(60);

    private PublicClient() {
    }

    record Result(String sent, String received, long receivedBytes) {
    }

    static Result exchange(int port, int size, long seed) throws Exception {
        return exchange(port, size, seed, new AtomicLong());
    }

    /** As {@link #exchange(int, int, long)}, counting the bytes it sends and receives in {@code moved}. */
    static Result exchange(int port, int size, long seed, AtomicLong moved) throws Exception {
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(1000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < size; off += 32768) {
                        int n = Math.min(32768, size - off);
                        out.write(payload, off, n);
                        moved.addAndGet(n);
                    }
                    out.flush();
                    s.shutdownOutput();
                } catch (IOException ignored) {
                    // the reader sees a short or failed read
                }
            }, "public-writer");
            writer.start();
            MessageDigest md = sha256();
            long received = 0;
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long seen = moved.get();
            long quietSince = System.nanoTime();
            for (int n; (n = read(in, buf)) >= 0; ) {
                if (n > 0) {
                    md.update(buf, 0, n);
                    received += n;
                    moved.addAndGet(n);
                } else if (moved.get() != seen) {
                    seen = moved.get();
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > QUIET_NANOS) {
                    throw new SocketTimeoutException("nothing moved for 60 s; " + received + " of " + size
                            + " bytes received");
                }
            }
            writer.join(10_000);
            return new Result(hex(sha256().digest(payload)), hex(md.digest()), received);
        }
    }

    /** One read: its count, 0 when nothing came within the socket's timeout, -1 at the end. */
    private static int read(InputStream in, byte[] buf) throws IOException {
        try {
            return in.read(buf);
        } catch (SocketTimeoutException nothingYet) {
            return 0;
        }
    }

    static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}

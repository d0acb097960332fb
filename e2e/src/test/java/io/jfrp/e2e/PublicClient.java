package io.jfrp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * A public user of a tunnel: connects to the server's remote port, sends {@code size} seeded
 * random bytes while reading the echo (a writer thread and the calling thread), half-closes, reads
 * to the end, and returns both SHA-256 digests.
 */
final class PublicClient {
    private PublicClient() {
    }

    record Result(String sent, String received, long receivedBytes) {
    }

    static Result exchange(int port, int size, long seed) throws Exception {
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(60_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < size; off += 32768) {
                        out.write(payload, off, Math.min(32768, size - off));
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
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
                received += n;
            }
            writer.join(10_000);
            return new Result(hex(sha256().digest(payload)), hex(md.digest()), received);
        }
    }

    static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}

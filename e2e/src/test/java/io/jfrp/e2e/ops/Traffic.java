package io.jfrp.e2e.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Real traffic for the operations tests: echoes and HTTP requests through public ports, hash-checked. */
final class Traffic {
    private Traffic() {
    }

    /** {@code size} seeded bytes. */
    static byte[] seeded(int size, long seed) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) r.nextInt();
        }
        return b;
    }

    static String sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code size} seeded bytes to an echo service behind {@code port}, half-closes, reads the
     * echo to its end; fails unless the very same bytes came back.
     */
    static void echo(int port, int size, long seed) throws IOException {
        byte[] sent = seeded(size, seed);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < size; off += 16 * 1024) {
                        out.write(sent, off, Math.min(16 * 1024, size - off));
                    }
                    s.shutdownOutput();
                } catch (IOException ignored) {
                    // the reader below sees what is missing
                }
            }, "echo-writer");
            writer.start();
            byte[] received = s.getInputStream().readAllBytes();
            if (!Arrays.equals(received, sent)) {
                throw new IOException("echo through port " + port + ": " + received.length + " of " + size
                        + " bytes, sha256 " + sha256(received, received.length) + " instead of " + sha256(sent, size));
            }
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /**
     * {@code GET path} with {@code Host: host} on {@code port}, {@code Connection: close}; returns
     * the response's body (everything after the head).
     */
    static byte[] httpGet(int port, String host, String path) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            for (int i = 0; i + 3 < all.length; i++) {
                if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                    String head = new String(all, 0, i, StandardCharsets.ISO_8859_1);
                    if (!head.startsWith("HTTP/1.1 200")) {
                        throw new IOException("GET " + host + path + ": " + head.lines().findFirst().orElse(""));
                    }
                    return Arrays.copyOfRange(all, i + 4, all.length);
                }
            }
            throw new IOException("GET " + host + path + ": no response head in " + all.length + " bytes");
        }
    }
}

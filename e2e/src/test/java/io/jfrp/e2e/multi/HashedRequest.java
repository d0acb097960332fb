package io.jfrp.e2e.multi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/**
 * One hash-checked request through a tcp tunnel to an {@link IdEchoService}: connect, read the
 * service's id byte, send {@code size} seeded bytes, close the sending side, read everything back
 * and compare its SHA-256 with what was sent. Bounded by a timeout on the connect and on each read.
 */
final class HashedRequest {
    /** What one request saw: the service's id, or why it failed; whether the bytes came back intact. */
    record Outcome(int serviceId, boolean intact, long millis, String error) {
        boolean ok() {
            return error.isEmpty() && intact;
        }

        /** Every byte came back but they are not the ones sent. */
        boolean corrupted() {
            return error.isEmpty() && !intact;
        }
    }

    private HashedRequest() {
    }

    static Outcome run(String host, int port, int size, long seed, int timeoutMillis) {
        long t0 = System.nanoTime();
        byte[] sent = new byte[size];
        new Random(seed).nextBytes(sent);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            InputStream in = s.getInputStream();
            int id = in.read();
            if (id < 0) {
                return new Outcome(-1, false, millis(t0), "closed before the service answered");
            }
            OutputStream out = s.getOutputStream();
            out.write(sent);
            out.flush();
            s.shutdownOutput();
            byte[] got = in.readAllBytes();
            if (got.length != size) {
                return new Outcome(id, false, millis(t0), "got " + got.length + " of " + size + " bytes");
            }
            boolean intact = Arrays.equals(sha256(got), sha256(sent));
            return new Outcome(id, intact, millis(t0), "");
        } catch (IOException e) {
            return new Outcome(-1, false, millis(t0), e.toString());
        }
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.jfrp.e2e.multi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * One hash-checked HTTP request through a vhost (or a load balancer in front of vhosts): a
 * {@code POST /echo} with {@code size} seeded bytes and the proxy's {@code Host}, one request per
 * connection ({@code Connection: close}), the body that comes back compared with what was sent.
 * Written on a socket so that the Host header is the test's (the JDK's HttpClient will not set it).
 */
final class HashedHttpRequest {
    private HashedHttpRequest() {
    }

    static HashedRequest.Outcome run(int port, String host, int size, long seed, int timeoutMillis) {
        long t0 = System.nanoTime();
        byte[] sent = new byte[size];
        new Random(seed).nextBytes(sent);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            if (status != 200) {
                return new HashedRequest.Outcome(-1, false, millis(t0), "HTTP " + status);
            }
            int length = contentLength(head);
            byte[] got = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            if (got.length != size) {
                return new HashedRequest.Outcome(-1, false, millis(t0), "got " + got.length + " of " + size + " bytes");
            }
            return new HashedRequest.Outcome(0, Arrays.equals(got, sent), millis(t0), "");
        } catch (IOException | RuntimeException e) {
            return new HashedRequest.Outcome(-1, false, millis(t0), e.toString());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection ended in the response head");
            }
            b.write(c);
            last4 = (last4 << 8) | c;
            if (b.size() > 16384) {
                throw new IOException("response head over 16 KiB");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}

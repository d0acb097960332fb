package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.protocol.msg.NewProxyResp;
import io.jfrp.server.FrpServer;
import io.jfrp.testkit.Closing;

import io.jfrp.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Small shared helpers of the e2e tests: ports, digests, seeded data, proxies, cleanup. */
public final class E2e {
    private E2e() {
    }

    /** A port free for TCP and UDP now, never handed out before by this JVM ({@link FreePorts}). */
    public static int freePort() throws IOException {
        return FreePorts.next();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static String sha256Hex(byte[] data) {
        return hex(sha256().digest(data));
    }

    /** {@code size} seeded pseudo-random bytes. */
    static byte[] seeded(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /**
     * A long, cheap, deterministic byte stream: chunks of seeded random bytes from a fast generator,
     * for payloads too large to hold in memory (hundreds of MiB).
     */
    static final class SeededStream {
        private final SplittableRandom random;
        private long remaining;

        SeededStream(long seed, long size) {
            this.random = new SplittableRandom(seed);
            this.remaining = size;
        }

        /** Fills up to {@code buf.length} bytes; returns how many (0 at the end). */
        int next(byte[] buf) {
            int n = (int) Math.min(buf.length, remaining);
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long v = random.nextLong();
                buf[i] = (byte) v;
                buf[i + 1] = (byte) (v >>> 8);
                buf[i + 2] = (byte) (v >>> 16);
                buf[i + 3] = (byte) (v >>> 24);
                buf[i + 4] = (byte) (v >>> 32);
                buf[i + 5] = (byte) (v >>> 40);
                buf[i + 6] = (byte) (v >>> 48);
                buf[i + 7] = (byte) (v >>> 56);
            }
            for (; i < n; i++) {
                buf[i] = (byte) random.nextInt();
            }
            remaining -= n;
            return n;
        }

        /**
         * Writes the whole stream to {@code out} in {@code chunk}-byte writes, adding each write to
         * {@code pushed} (so a test sees where the writer stalls); returns the SHA-256 of what was
         * written, in hex.
         */
        String writeTo(OutputStream out, int chunk, java.util.concurrent.atomic.AtomicLong pushed) throws IOException {
            MessageDigest md = sha256();
            byte[] buf = new byte[chunk];
            int n;
            while ((n = next(buf)) > 0) {
                out.write(buf, 0, n);
                md.update(buf, 0, n);
                pushed.addAndGet(n);
            }
            return hex(md.digest());
        }
    }

    /** Reads {@code in} to its end; returns the SHA-256 and the byte count. */
    static Digest readToEnd(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            md.update(buf, 0, n);
            total += n;
        }
        return new Digest(hex(md.digest()), total);
    }

    /** Writes {@code data} in 32 KiB pieces. */
    static void writeAll(OutputStream out, byte[] data, int from, int to) throws IOException {
        for (int off = from; off < to; off += 32 * 1024) {
            out.write(data, off, Math.min(32 * 1024, to - off));
        }
        out.flush();
    }

    record Digest(String sha256, long bytes) {
    }

    /**
     * Waits until {@code counter} (bytes a blocking writer got rid of) has not moved for
     * {@code quietMillis}: the writer is stalled because nobody reads. Returns the count then.
     */
    static long awaitStall(java.util.concurrent.atomic.AtomicLong counter, long timeoutMillis, long quietMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long quiet = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(quietMillis);
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = counter.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - lastChange >= quiet) {
                return now;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the writer kept going (" + last + " bytes) for " + timeoutMillis
                + " ms although nobody reads");
    }

    /** Waits for the server's answer to {@code proxy} and returns it. */
    public static NewProxyResp awaitProxy(FrpClient client, String proxy) {
        await().atMost(Duration.ofSeconds(10)).until(() -> client.proxyResults().containsKey(proxy));
        return client.proxyResults().get(proxy);
    }

    /** Waits for {@code proxy} to be up and asserts it has no error. */
    public static void awaitProxyUp(FrpClient client, String proxy, int remotePort) {
        NewProxyResp resp = awaitProxy(client, proxy);
        assertThat(resp.error()).as("NewProxyResp error of [%s]", proxy).isEmpty();
        assertThat(resp.remoteAddr()).isEqualTo(":" + remotePort);
    }

    /**
     * Sends {@code payload} to 127.0.0.1:{@code port} while reading as many bytes back (20 s at most),
     * without half-closing: stock frp ends a relay at the first FIN.
     */
    public static byte[] echoWithoutHalfClose(int port, byte[] payload) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    writeAll(s.getOutputStream(), payload, 0, payload.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] back = s.getInputStream().readNBytes(payload.length);
            writer.get(20, TimeUnit.SECONDS);
            return back;
        }
    }

    /** An echo through {@code port} of {@code size} seeded bytes arrives intact. */
    public static void assertEchoIntact(int port, int size, long seed) throws Exception {
        PublicClient.Result r = PublicClient.exchange(port, size, seed);
        assertThat(r.receivedBytes()).isEqualTo(size);
        assertThat(r.received()).isEqualTo(r.sent());
    }

    /**
     * A started jfrps on loopback with {@code token}, a free bindPort and its self-signed TLS under
     * {@code dir}, changed by {@code change} ({@code c -> c.withTcpMux(false)}).
     */
    public static FrpServer startServer(Path dir, String token, UnaryOperator<ServerConfig> change)
            throws InterruptedException, IOException {
        return new FrpServer(change.apply(ServerConfig.loopback(token, dir.resolve("tls")))).start();
    }

    /** A jfrpc toward {@code serverPort} with {@code proxies}, logged in (the proxies may still be on their way). */
    public static FrpClient startClient(int serverPort, String token, List<? extends ProxyConfig> proxies)
            throws Exception {
        FrpClient client = new FrpClient(ClientConfig.loopback(serverPort, token, proxies));
        try {
            client.start().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** True when {@code host:port} accepts a connection within 200 ms (a polling check that a process is up). */
    public static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when a connection to {@code port} on loopback is refused (nobody listens). */
    public static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes what was added, last first; every close is attempted. */
    public static final class Closer implements AutoCloseable {
        private final List<AutoCloseable> items = new ArrayList<>();

        public <T extends AutoCloseable> T add(T item) {
            items.add(item);
            return item;
        }

        @Override
        public void close() throws Exception {
            List<AutoCloseable> toClose = new ArrayList<>(items);
            items.clear();
            Closing.lastFirst(toClose, AutoCloseable::close);
        }
    }
}

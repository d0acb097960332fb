package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage on bindPort, each kind on its own connection, is met by the server closing that
 * connection (or, inside a yamux stream, that stream) within seconds, while a client already logged
 * in keeps tunnelling intact data during and after, and a new client can still log in.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GarbageTest extends E2eCase {
    private static final String TOKEN = "garbage";
    private static final long CLOSE_WITHIN_MILLIS = 5000;


    /** Kinds of garbage written straight onto a fresh connection to bindPort. */
    private static Map<String, byte[]> connectionGarbage(boolean tcpMux) {
        Map<String, byte[]> g = new LinkedHashMap<>();
        for (int seed = 1; seed <= 3; seed++) {
            g.put("random #" + seed, E2e.seeded(16 * 1024, seed));
        }
        byte[] tls = E2e.seeded(4096, 10);
        tls[0] = 0x16; // looks like a TLS record
        g.put("random after a TLS handshake byte", tls);
        byte[] marker = E2e.seeded(4096, 11);
        marker[0] = 0x17; // frp's TLS marker byte
        g.put("random after frp's TLS marker byte", marker);
        g.put("frp header, length 10241", frpHeader('o', 10241, 64));
        g.put("frp header, length 2^62", frpHeader('o', 1L << 62, 64));
        g.put("frp header, negative length", frpHeader('o', -1, 64));
        g.put("frp header, unknown type", frpHeader('Z', 10, 10));
        if (tcpMux) {
            g.put("yamux version 1", RawYamux.header(1, 1, 1, 1, 0));
            g.put("yamux type 7", RawYamux.header(0, 7, 1, 1, 0));
            g.put("yamux SYN with the server's id parity", RawYamux.header(0, 1, 1, 2, 0));
            g.put("yamux Data beyond the window", concat(RawYamux.header(0, 1, 1, 1, 0),
                    RawYamux.header(0, 0, 0, 1, 512 * 1024), new byte[512 * 1024]));
            g.put("yamux Data for stream 0", RawYamux.header(0, 0, 0, 0, 4));
        }
        return g;
    }

    @TcpMuxOnAndOff
    void garbageConnectionsAreClosedAndTheTunnelCarriesOn(boolean tcpMux) throws Exception {
        EchoService echo = closer.add(new EchoService());
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux));
        int bindPort = server.address().getPort();
        int remotePort = E2e.freePort();
        FrpClient client = tcpClientUp(bindPort, TOKEN, "echo", echo.port(), remotePort, c -> c.withTcpMux(tcpMux));

        // Hash-checked transfers through the tunnel for as long as the garbage goes on.
        AtomicBoolean garbageDone = new AtomicBoolean();
        CompletableFuture<Integer> during = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try {
                while (!garbageDone.get() && n < 200) {
                    E2e.assertEchoIntact(remotePort, 512 * 1024, 100 + n);
                    n++;
                }
                return n;
            } catch (Exception e) {
                throw new IllegalStateException("transfer " + n + " failed", e);
            }
        });

        List<String> notClosed = new ArrayList<>();
        // An exception no handler takes is logged by Netty as a WARN with a stack trace: garbage
        // must not be able to fill the log that way.
        LogCapture unhandled = new LogCapture("io.netty.channel.DefaultChannelPipeline");
        try {
            for (Map.Entry<String, byte[]> e : connectionGarbage(tcpMux).entrySet()) {
                try (RawFrpConnection raw = RawFrpConnection.plain(bindPort)) {
                    boolean closed;
                    try {
                        raw.sendRaw(e.getValue());
                        closed = raw.awaitClosed(CLOSE_WITHIN_MILLIS, false);
                    } catch (IOException reset) {
                        closed = true; // the server already reset it while we were writing
                    }
                    if (!closed) {
                        notClosed.add(e.getKey());
                    }
                }
            }
            if (tcpMux) {
                // Inside a well-formed yamux stream, an oversized frp frame: the stream is closed.
                try (RawFrpConnection raw = RawFrpConnection.yamux(bindPort)) {
                    raw.sendFrpBytes(frpHeader('o', 10241, 64));
                    if (!raw.awaitClosed(CLOSE_WITHIN_MILLIS, true)) {
                        notClosed.add("stream with frp header, length 10241");
                    }
                }
            }
        } finally {
            garbageDone.set(true);
            unhandled.close();
        }
        assertThat(notClosed).as("garbage connections the server left open").isEmpty();
        assertThat(unhandled.messages(ch.qos.logback.classic.Level.WARN)).as("unhandled exceptions").isEmpty();
        int transfers = during.get(30, TimeUnit.SECONDS);
        System.out.printf("GarbageTest tcpMux=%s: %d intact transfers during the garbage%n", tcpMux, transfers);
        assertThat(transfers).isPositive();

        // Afterwards: the old client still works, and a new one logs in and works.
        E2e.assertEchoIntact(remotePort, 2 << 20, 1);
        int otherPort = E2e.freePort();
        tcpClientUp(bindPort, TOKEN, "echo2", echo.port(), otherPort, c -> c.withTcpMux(tcpMux));
        E2e.assertEchoIntact(otherPort, 2 << 20, 2);
        assertThat(server.clientCount()).isEqualTo(2);
    }

    private static byte[] frpHeader(char type, long length, int bodyBytes) {
        return ByteBuffer.allocate(9 + bodyBytes).put((byte) type).putLong(length).array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }
}

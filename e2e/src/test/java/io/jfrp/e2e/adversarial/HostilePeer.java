package io.jfrp.e2e.adversarial;

import io.jfrp.e2e.RawYamux;
import io.jfrp.protocol.auth.AuthKeys;
import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.msg.Login;
import io.jfrp.protocol.msg.Message;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.jfrp.mux.YamuxFlags.ACK;
import static io.jfrp.e2e.RawYamux.DATA;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.e2e.RawYamux.GO_AWAY;
import static io.jfrp.e2e.RawYamux.PING;
import static io.jfrp.mux.YamuxFlags.RST;
import static io.jfrp.mux.YamuxFlags.SYN;
import static io.jfrp.e2e.RawYamux.WINDOW_UPDATE;
import static io.jfrp.e2e.RawYamux.header;

/**
 * An attacker's connection to bindPort on a blocking socket: raw bytes, frp frames straight on the
 * connection (pool mode), or yamux frames written by hand for as many streams as it likes (tcpMux).
 * It answers the server's pings, and records which streams the server reset or finished, so a test
 * sees exactly what the server kept. Single-threaded: one test thread drives it.
 */
final class HostilePeer implements AutoCloseable {
    /** Trusts any server certificate: this peer attacks the server, it does not check it. */
    private static final SSLContext ANY_SERVER = anyServer();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Integer, ByteArrayOutputStream> received = new HashMap<>();
    private final Set<Integer> reset = new HashSet<>();
    private final Set<Integer> finished = new HashSet<>();
    private final Set<Integer> accepted = new HashSet<>();
    private boolean goAway;

    private HostilePeer(InetAddress from, int port, boolean tls) throws IOException {
        Socket tcp = new Socket();
        if (from != null) {
            tcp.bind(new InetSocketAddress(from, 0));
        }
        tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        tcp.setSoTimeout(10_000);
        if (tls) {
            SSLSocket ssl = (SSLSocket) ANY_SERVER.getSocketFactory().createSocket(tcp, "127.0.0.1", port, true);
            ssl.startHandshake();
            socket = ssl;
        } else {
            socket = tcp;
        }
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A connection to bindPort on loopback from 127.0.0.1. */
    static HostilePeer connect(int port) throws IOException {
        return new HostilePeer(null, port, false);
    }

    /** A connection to bindPort on loopback from {@code from} (another loopback address: another host). */
    static HostilePeer connectFrom(String from, int port) throws IOException {
        return new HostilePeer(InetAddress.getByName(from), port, false);
    }

    /** As {@link #connectFrom}, under TLS (trusting whatever certificate the server shows). */
    static HostilePeer connectTlsFrom(String from, int port) throws IOException {
        return new HostilePeer(InetAddress.getByName(from), port, true);
    }

    /** A Login as a stock frpc sends it, signed with {@code token} at {@code timestamp}. */
    static Login login(String token, long timestamp, int poolCount) {
        return Login.builder().version("0.46.1").os("linux").arch("amd64").poolCount(poolCount).build()
                .withAuth(AuthKeys.privilegeKey(token, timestamp), timestamp);
    }

    private static SSLContext anyServer() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends {@code m} straight on the connection (pool mode). */
    void send(Message m) throws IOException {
        raw(MessageCodec.encode(m));
    }

    /** Reads one frp message straight from the connection (pool mode). */
    Message read() throws IOException {
        return MessageCodec.read(in);
    }

    /** Waits for at least one more byte on the connection (pool mode), and drops it: the server has said something. */
    void awaitAnyByte() throws IOException {
        if (in.read() < 0) {
            throw new EOFException("connection ended");
        }
    }

    /** Opens yamux stream {@code id} (odd: the client's ids). */
    void openStream(int id) throws IOException {
        out.write(header(WINDOW_UPDATE, SYN, id, 0));
    }

    /** Opens {@code count} streams 1, 3, 5... in one write. */
    void openStreams(int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 * count);
        for (int i = 0; i < count; i++) {
            b.put(header(WINDOW_UPDATE, SYN, 2 * i + 1, 0));
        }
        raw(b.array());
    }

    /** Sends {@code m} as Data of stream {@code id}. */
    void sendOnStream(int id, Message m) throws IOException {
        byte[] body = MessageCodec.encode(m);
        out.write(header(DATA, 0, id, body.length));
        raw(body);
    }

    /** Reads frames until stream {@code id} carried a whole frp message, and decodes it. */
    Message readOnStream(int id) throws IOException {
        while (true) {
            ByteArrayOutputStream got = received.get(id);
            if (got != null && got.size() >= 9) {
                try {
                    return MessageCodec.read(new ByteArrayInputStream(got.toByteArray()));
                } catch (EOFException incomplete) {
                    // wait for more
                }
            }
            if (!readFrame()) {
                throw new EOFException("connection ended before a message on stream " + id);
            }
        }
    }

    /**
     * Reads frames for up to {@code millis}, answering pings; true when the server closed the whole
     * connection (EOF, reset, GoAway) in that time.
     */
    boolean closedWithin(long millis) throws IOException {
        return closedWithin(millis, this::readFrame);
    }

    /** Same as {@link #closedWithin} for a connection that speaks no yamux: any byte is read and dropped. */
    boolean plainClosedWithin(long millis) throws IOException {
        return closedWithin(millis, () -> in.read(new byte[4096]) >= 0);
    }

    /** One blocking read of the connection; false at its end. */
    @FunctionalInterface
    private interface Read {
        boolean next() throws IOException;
    }

    private boolean closedWithin(long millis, Read read) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                if (!read.next()) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** How the server ended a connection: a FIN (end of stream), a reset, or not within the time asked. */
    enum End { FIN, RESET, OPEN }

    /**
     * Reads (frames with {@code yamux}, answering pings; plain bytes without) until the server ends
     * the connection or {@code millis} pass, and says how it ended.
     */
    End endWithin(long millis, boolean yamux) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                if (!yamux) {
                    if (in.read(new byte[4096]) < 0) {
                        return End.FIN;
                    }
                    continue;
                }
                RawYamux.Header h = RawYamux.Header.read(in);
                if (h == null) {
                    return End.FIN;
                }
                if (h.type() == DATA && h.length() > 0) {
                    h.readPayload(in);
                }
            }
            return End.OPEN;
        } catch (SocketTimeoutException e) {
            return End.OPEN;
        } catch (IOException e) {
            return End.RESET;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** Streams the server reset so far. */
    Set<Integer> resetStreams() {
        return reset;
    }

    /** Streams the server accepted (answered with ACK) so far. */
    Set<Integer> acceptedStreams() {
        return accepted;
    }

    boolean goAway() {
        return goAway;
    }

    /** Reads one frame; false at the connection's end or a GoAway. */
    private boolean readFrame() throws IOException {
        RawYamux.Header h = RawYamux.Header.read(in);
        if (h == null) {
            return false;
        }
        if (h.type() == DATA && h.length() > 0) {
            received.computeIfAbsent(h.stream(), k -> new ByteArrayOutputStream()).write(h.readPayload(in));
        } else if (h.isPingRequest()) {
            raw(h.pingAnswer());
        } else if (h.type() == GO_AWAY) {
            goAway = true;
            return false;
        }
        if (h.hasAny(ACK) && h.type() != PING) {
            accepted.add(h.stream());
        }
        if (h.hasAny(RST)) {
            reset.add(h.stream());
        }
        if (h.hasAny(FIN)) {
            finished.add(h.stream());
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

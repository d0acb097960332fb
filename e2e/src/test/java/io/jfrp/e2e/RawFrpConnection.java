package io.jfrp.e2e;

import io.jfrp.protocol.codec.MessageCodec;
import io.jfrp.protocol.msg.Message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static io.jfrp.e2e.RawYamux.DATA;
import static io.jfrp.mux.YamuxFlags.FIN;
import static io.jfrp.e2e.RawYamux.GO_AWAY;
import static io.jfrp.mux.YamuxFlags.RST;
import static io.jfrp.mux.YamuxFlags.SYN;
import static io.jfrp.e2e.RawYamux.WINDOW_UPDATE;

/**
 * A hand-made frp client connection on a blocking socket, no TLS: frp frames either straight on
 * the connection (tcpMux off) or inside yamux stream 1, framed by hand here (tcpMux on). For
 * sending what jfrpc never would: stale logins, garbage, malformed headers.
 */
final class RawFrpConnection implements AutoCloseable {
    private static final int STREAM = 1;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean yamux;
    private boolean streamOpen;
    /** Payload of stream 1 received and not yet decoded (yamux mode). */
    private final ByteArrayOutputStream streamBytes = new ByteArrayOutputStream();
    private InputStream streamIn = new ByteArrayInputStream(new byte[0]);
    private boolean streamEnded;

    private RawFrpConnection(int port, boolean yamux) throws IOException {
        this.socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.yamux = yamux;
    }

    /** A plain connection to a server with tcpMux off. */
    static RawFrpConnection plain(int port) throws IOException {
        return new RawFrpConnection(port, false);
    }

    /** A connection carrying a yamux session (client role) to a server with tcpMux on. */
    static RawFrpConnection yamux(int port) throws IOException {
        return new RawFrpConnection(port, true);
    }

    /** Sends one frp message (on stream 1 with yamux, opening it with the first). */
    void send(Message message) throws IOException {
        sendFrpBytes(MessageCodec.encode(message));
    }

    /** Sends bytes where frp frames go: the connection, or stream 1's Data. */
    void sendFrpBytes(byte[] bytes) throws IOException {
        if (yamux) {
            if (!streamOpen) {
                out.write(RawYamux.header(0, WINDOW_UPDATE, SYN, STREAM, 0));
                streamOpen = true;
            }
            out.write(RawYamux.header(0, DATA, 0, STREAM, bytes.length));
        }
        out.write(bytes);
        out.flush();
    }

    /** Writes bytes straight onto the connection, below any framing. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next frp message (from stream 1 with yamux). */
    Message read() throws IOException {
        if (!yamux) {
            return MessageCodec.read(in);
        }
        while (true) {
            if (streamIn.available() > 0) {
                // Enough bytes for a whole message? Try; on a short read, wait for more.
                streamIn.mark(Integer.MAX_VALUE);
                try {
                    Message m = MessageCodec.read(streamIn);
                    compactStream();
                    return m;
                } catch (EOFException | io.jfrp.protocol.codec.MessageFrameException e) {
                    streamIn.reset();
                }
            }
            if (streamEnded || !readYamuxFrame()) {
                throw new EOFException("stream 1 ended before a complete message");
            }
        }
    }

    private void compactStream() throws IOException {
        byte[] rest = streamIn.readAllBytes();
        streamBytes.reset();
        streamBytes.write(rest);
        streamIn = new ByteArrayInputStream(streamBytes.toByteArray());
    }

    /** Reads one yamux frame; false when the connection or the stream ended. */
    private boolean readYamuxFrame() throws IOException {
        RawYamux.Header h = RawYamux.Header.read(in);
        if (h == null || h.type() == GO_AWAY) {
            return false;
        }
        if (h.type() == DATA) {
            byte[] payload = h.readPayload(in);
            if (h.stream() == STREAM) {
                byte[] rest = streamIn.readAllBytes();
                streamBytes.reset();
                streamBytes.write(rest);
                streamBytes.write(payload);
                streamIn = new ByteArrayInputStream(streamBytes.toByteArray());
            }
        } else if (h.isPingRequest()) {
            sendRaw(h.pingAnswer());
        }
        if (h.stream() == STREAM && h.hasAny(FIN | RST)) {
            streamEnded = true;
        }
        return true;
    }

    /**
     * True when the server ends what we talk on within {@code millis}: the connection (EOF or a
     * reset) or, with yamux and {@code streamOnly}, stream 1 (FIN or RST) or the session (GoAway).
     */
    boolean awaitClosed(long millis, boolean streamOnly) throws IOException {
        socket.setSoTimeout((int) millis);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                if (yamux && streamOnly) {
                    if (!readYamuxFrame() || streamEnded) {
                        return true;
                    }
                } else if (in.read(new byte[4096]) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

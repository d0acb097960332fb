package io.jfrp.e2e.xtcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small TCP tool run inside a network namespace by the xtcp tests (no socat there):
 * <ul>
 *   <li>{@code echo PORT}: echoes every connection on 127.0.0.1:PORT, then half-closes;</li>
 *   <li>{@code send PORT BYTES SEED}: sends BYTES seeded random bytes to 127.0.0.1:PORT, reads BYTES
 *       of echo (or until the end), closes, and prints one line
 *       {@code sent=<sha256> received=<sha256> bytes=<n> ms=<t>}. It does not half-close: frp's xtcp
 *       relays close both directions when one ends.</li>
 * </ul>
 */
public final class NetnsTcpTool {
    private NetnsTcpTool() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "echo" -> echo(Integer.parseInt(args[1]));
            case "send" -> send(Integer.parseInt(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void echo(int port) throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            System.out.println("listening " + port);
            System.out.flush();
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                        s.shutdownOutput();
                    } catch (IOException e) {
                        // the peer went away
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void send(int port, long bytes, long seed) throws Exception {
        long start = System.nanoTime();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(60_000);
            MessageDigest sent = sha256();
            AtomicReference<Exception> writeError = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                Random random = new Random(seed);
                byte[] chunk = new byte[64 * 1024];
                try {
                    OutputStream out = s.getOutputStream();
                    for (long left = bytes; left > 0; ) {
                        int n = (int) Math.min(chunk.length, left);
                        random.nextBytes(chunk);
                        sent.update(chunk, 0, n);
                        out.write(chunk, 0, n);
                        left -= n;
                    }
                    out.flush();
                } catch (IOException e) {
                    writeError.set(e);
                }
            });
            writer.start();
            MessageDigest received = sha256();
            long count = 0;
            byte[] buf = new byte[64 * 1024];
            InputStream in = s.getInputStream();
            for (int n; count < bytes && (n = in.read(buf, 0, (int) Math.min(buf.length, bytes - count))) > 0; ) {
                received.update(buf, 0, n);
                count += n;
            }
            writer.join();
            if (writeError.get() != null) {
                throw writeError.get();
            }
            System.out.println("sent=" + HexFormat.of().formatHex(sent.digest()) + " received="
                    + HexFormat.of().formatHex(received.digest()) + " bytes=" + count + " ms="
                    + (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}

package io.jfrp.e2e;

import io.jfrp.client.FrpClient;
import io.jfrp.config.model.proxy.ProxyBuilder;
import io.jfrp.config.model.proxy.ProxyConfig;
import io.jfrp.server.FrpServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Half-close travels through the tunnel both ways, on real sockets, with tcpMux on and off and
 * with the proxy's encryption and compression on and off:
 * <ul>
 *   <li>the public side sends its request, half-closes, and only then reads the reply;</li>
 *   <li>the local service sends a greeting and half-closes first while the public side is still
 *   sending: the greeting arrives whole and ends, and the upload still arrives whole after it;</li>
 *   <li>either of the above with a reader that pauses after the half-close, so that the
 *   half-closed socket must wait for room to write (EPOLLOUT) after its input ended.</li>
 * </ul>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HalfCloseTest extends E2eCase {
    private static final String TOKEN = "half-close";


    /** Server and client with one tcp proxy to {@code localPort}; returns the remote port. */
    private int tunnel(boolean tcpMux, boolean wrapped, int localPort) throws Exception {
        FrpServer server = server(TOKEN, c -> c.withTcpMux(tcpMux));
        int remotePort = E2e.freePort();
        ProxyConfig proxy = ProxyBuilder.tcp("svc", "127.0.0.1", localPort, remotePort).wrapping(wrapped, wrapped).build();
        FrpClient client = client(server.address().getPort(), TOKEN, List.of(proxy), c -> c.withTcpMux(tcpMux));
        client.start().get(10, TimeUnit.SECONDS);
        E2e.awaitProxyUp(client, "svc", remotePort);
        return remotePort;
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(30_000);
        return s;
    }

    /** Writes {@code request} to the public port, half-closes the connection and reads the answer to its end. */
    private static E2e.Digest requestHalfClosed(int port, byte[] request) throws Exception {
        try (Socket s = connect(port)) {
            E2e.writeAll(s.getOutputStream(), request, 0, request.length);
            s.shutdownOutput();
            return E2e.readToEnd(s.getInputStream());
        }
    }

    @ParameterizedTest(name = "tcpMux={0} encryption+compression={1}")
    @CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void echoAfterThePublicSideHalfCloses(boolean tcpMux, boolean wrapped) throws Exception {
        EchoService echo = closer.add(new EchoService());
        int port = tunnel(tcpMux, wrapped, echo.port());
        // Small enough to sit in the tunnel's buffers while nobody reads the echo.
        byte[] request = E2e.seeded(192 * 1024, 1);
        E2e.Digest reply = requestHalfClosed(port, request);
        assertThat(reply.bytes()).isEqualTo(request.length);
        assertThat(reply.sha256()).isEqualTo(E2e.sha256Hex(request));
    }

    @ParameterizedTest(name = "tcpMux={0} encryption+compression={1}")
    @CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void requestHalfClosedThenLargeReply(boolean tcpMux, boolean wrapped) throws Exception {
        // Smaller with encryption + compression, which is slow under paranoid leak detection.
        int size = wrapped ? 2 << 20 : 6 << 20;
        byte[] reply = E2e.seeded(size, 2);
        // The service reads the whole request (its end is the public side's FIN), then answers.
        ScriptedService<E2e.Digest> service = closer.add(new ScriptedService<>(s -> {
            E2e.Digest got = E2e.readToEnd(s.getInputStream());
            E2e.writeAll(s.getOutputStream(), reply, 0, reply.length);
            s.shutdownOutput();
            s.getInputStream().read(); // until the tunnel closes
            return got;
        }));
        int port = tunnel(tcpMux, wrapped, service.port());
        byte[] request = E2e.seeded(size, 3);
        E2e.Digest answer = requestHalfClosed(port, request);
        assertThat(answer.bytes()).isEqualTo(reply.length);
        assertThat(answer.sha256()).isEqualTo(E2e.sha256Hex(reply));
        E2e.Digest atService = service.nextResult(20);
        assertThat(atService.bytes()).isEqualTo(request.length);
        assertThat(atService.sha256()).isEqualTo(E2e.sha256Hex(request));
    }

    @ParameterizedTest(name = "tcpMux={0} encryption+compression={1}")
    @CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void serviceHalfClosesFirstWhileThePublicSideKeepsSending(boolean tcpMux, boolean wrapped) throws Exception {
        byte[] greeting = E2e.seeded(2 << 20, 4);
        ScriptedService<E2e.Digest> service = closer.add(new ScriptedService<>(s -> {
            E2e.writeAll(s.getOutputStream(), greeting, 0, greeting.length);
            s.shutdownOutput();
            // Our output is closed; the peer's upload must still arrive in full.
            return E2e.readToEnd(s.getInputStream());
        }));
        int port = tunnel(tcpMux, wrapped, service.port());
        byte[] upload = E2e.seeded(wrapped ? 3 << 20 : 8 << 20, 5);
        int half = upload.length / 2;
        CountDownLatch greetingEnded = new CountDownLatch(1);
        try (Socket s = connect(port)) {
            OutputStream out = s.getOutputStream();
            CompletableFuture<Boolean> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    E2e.writeAll(out, upload, 0, half);
                    // The second half goes only after the greeting's end was seen: the upload
                    // direction must outlive the other one.
                    boolean ended = greetingEnded.await(20, TimeUnit.SECONDS);
                    E2e.writeAll(out, upload, half, upload.length);
                    s.shutdownOutput();
                    return ended;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            InputStream in = s.getInputStream();
            E2e.Digest got = E2e.readToEnd(in);
            greetingEnded.countDown();
            assertThat(got.bytes()).isEqualTo(greeting.length);
            assertThat(got.sha256()).isEqualTo(E2e.sha256Hex(greeting));
            assertThat(writer.get(20, TimeUnit.SECONDS)).as("greeting ended before the upload's 2nd half").isTrue();
            E2e.Digest atService = service.nextResult(20);
            assertThat(atService.bytes()).isEqualTo(upload.length);
            assertThat(atService.sha256()).isEqualTo(E2e.sha256Hex(upload));
            // Both directions are done: the tunnel closes the public connection.
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /**
     * The public side sends its request and half-closes, then does not read until the reply has
     * filled every buffer on the way; then it reads all of it. The server's public socket has
     * its input shut down and must wait for room to write.
     */
    @TcpMuxOnAndOff
    void publicSideHalfClosesThenReadsTheReplyLate(boolean tcpMux) throws Exception {
        long replySize = 24L << 20;
        AtomicLong pushed = new AtomicLong();
        ScriptedService<String> service = closer.add(new ScriptedService<>(s -> {
            E2e.readToEnd(s.getInputStream());
            String sent = new E2e.SeededStream(6, replySize).writeTo(s.getOutputStream(), 32 * 1024, pushed);
            s.shutdownOutput();
            s.getInputStream().read();
            return sent;
        }));
        int port = tunnel(tcpMux, false, service.port());
        try (Socket s = connect(port)) {
            E2e.writeAll(s.getOutputStream(), E2e.seeded(64 * 1024, 7), 0, 64 * 1024);
            s.shutdownOutput();
            long before = E2e.awaitStall(pushed, 20_000, 300);
            E2e.Digest got = E2e.readToEnd(s.getInputStream());
            assertThat(got.bytes()).as("reply bytes received (%d pushed before the reader started)", before)
                    .isEqualTo(replySize);
            assertThat(got.sha256()).isEqualTo(service.nextResult(20));
        }
    }

    /**
     * The local service sends a greeting and half-closes, then does not read until the public
     * side's upload has filled every buffer on the way; then it reads all of it. The client's
     * connection to the service has its input shut down and must wait for room to write.
     */
    @TcpMuxOnAndOff
    void serviceHalfClosesThenReadsTheUploadLate(boolean tcpMux) throws Exception {
        long uploadSize = 24L << 20;
        CountDownLatch startReading = new CountDownLatch(1);
        ScriptedService<E2e.Digest> service = closer.add(new ScriptedService<>(s -> {
            E2e.writeAll(s.getOutputStream(), E2e.seeded(64 * 1024, 8), 0, 64 * 1024);
            s.shutdownOutput();
            startReading.await(30, TimeUnit.SECONDS);
            return E2e.readToEnd(s.getInputStream());
        }));
        int port = tunnel(tcpMux, false, service.port());
        AtomicLong pushed = new AtomicLong();
        try (Socket s = connect(port)) {
            assertThat(E2e.readToEnd(s.getInputStream()).bytes()).isEqualTo(64 * 1024);
            CompletableFuture<String> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    String sent = new E2e.SeededStream(9, uploadSize).writeTo(s.getOutputStream(), 32 * 1024, pushed);
                    s.shutdownOutput();
                    return sent;
                } catch (Exception e) {
                    throw new IllegalStateException("upload failed after " + pushed.get() + " bytes", e);
                }
            });
            long before = E2e.awaitStall(pushed, 20_000, 300);
            startReading.countDown();
            String sent = writer.get(30, TimeUnit.SECONDS);
            E2e.Digest atService = service.nextResult(30);
            assertThat(atService.bytes()).as("upload bytes at the service (%d pushed before it started reading)",
                    before).isEqualTo(uploadSize);
            assertThat(atService.sha256()).isEqualTo(sent);
        } finally {
            startReading.countDown();
        }
    }
}

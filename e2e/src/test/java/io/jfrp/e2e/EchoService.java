package io.jfrp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A local TCP service for tests: echoes every connection until the peer half-closes, then
 * half-closes too (so half-close is visible end to end). One thread per connection.
 */
public final class EchoService implements AutoCloseable {
    private final LoopbackTcpService service;

    public EchoService() throws IOException {
        service = new LoopbackTcpService("echo-service", 1000, s -> () -> echo(s));
    }

    public int port() {
        return service.port();
    }

    /** Connections accepted so far. */
    public int connections() {
        return service.connections();
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
            s.shutdownOutput();
            // Wait for the peer to close so our FIN is not turned into a reset.
            while (in.read(buf) >= 0) {
                // drain
            }
        } catch (IOException ignored) {
            // the test that drove this connection reports what went wrong
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}

package io.jfrp.e2e.multi;

import io.jfrp.e2e.LoopbackTcpService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A local TCP service that says which it is: every connection first gets one byte, the service's id,
 * then everything it sends comes back until it closes its side. One thread per connection.
 */
final class IdEchoService implements AutoCloseable {
    final int id;
    private final LoopbackTcpService service;

    IdEchoService(int id) throws IOException {
        this.id = id;
        this.service = new LoopbackTcpService("id-echo", 200, s -> () -> serve(s));
    }

    int port() {
        return service.port();
    }

    private void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            out.write(id);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16384];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
            }
            s.shutdownOutput();
        } catch (IOException e) {
            // the peer went away
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}

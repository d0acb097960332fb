package io.jfrp.e2e.wirev2;

import io.jfrp.e2e.LoopbackTcpService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** The local service behind stock frpc's proxy: echoes every connection until it ends. */
final class LocalEcho implements AutoCloseable {
    private final LoopbackTcpService service;

    LocalEcho() throws IOException {
        service = new LoopbackTcpService("wirev2-echo", 50, s -> () -> echo(s));
    }

    int port() {
        return service.port();
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the test reads what arrived and reports the difference
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}

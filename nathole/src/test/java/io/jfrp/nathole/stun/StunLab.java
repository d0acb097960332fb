package io.jfrp.nathole.stun;

import io.jfrp.nathole.punch.UdpSockets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Per test, the UDP sockets a STUN client binds with and a {@link LoopbackStunServer} on 127.0.0.1 to
 * ask; both closed after the test (after its own {@code @AfterEach}, so its channels close first).
 * Register with {@code @RegisterExtension}.
 */
public final class StunLab implements BeforeEachCallback, AfterEachCallback {
    private UdpSockets sockets;
    private LoopbackStunServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        sockets = UdpSockets.create();
        server = new LoopbackStunServer();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        server.close();
        sockets.close();
    }

    /** The sockets to bind clients with. */
    public UdpSockets sockets() {
        return sockets;
    }

    /** The server to ask. */
    public LoopbackStunServer server() {
        return server;
    }
}

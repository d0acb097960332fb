package io.jfrp.e2e.udp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Free UDP ports on loopback, for programs that must be given a port number. */
final class UdpPorts {
    private UdpPorts() {
    }

    /** A UDP port free on 127.0.0.1 right now (a race with other processes, as every such helper). */
    static int free() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /** A port free for both TCP and UDP on 127.0.0.1 right now. */
    static int freeForBoth() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port = io.jfrp.e2e.E2e.freePort();
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException e) {
                // taken for UDP: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }
}

package io.jfrp.e2e.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * A local UDP service for tests: one daemon thread receives every datagram (up to 65536 bytes) on
 * an ephemeral port and hands it to a {@link Handler}, which may answer through the socket. The
 * tests' UDP services (echo, recorder) are this with their own handler.
 */
final class UdpService implements AutoCloseable {
    /** What the service does with each datagram; runs on the service's thread. */
    interface Handler {
        /** {@code datagram}'s buffer is reused for the next one: copy what is kept. */
        void received(DatagramPacket datagram, DatagramSocket socket) throws IOException;
    }

    private final DatagramSocket socket;
    private final Thread thread;
    private final Handler handler;

    /**
     * Binds to {@code address} and starts receiving.
     *
     * @param receiveBuffer the socket's receive buffer in bytes, or 0 for the system's default
     */
    UdpService(InetAddress address, int receiveBuffer, String threadName, Handler handler) throws SocketException {
        this.handler = handler;
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        thread = new Thread(this::serve, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                handler.received(p, socket);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}

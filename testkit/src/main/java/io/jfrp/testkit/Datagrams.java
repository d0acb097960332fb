package io.jfrp.testkit;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A blocking UDP socket's receive with a deadline, for the tests' own UDP peers. */
public final class Datagrams {
    /** The largest UDP payload: nothing that arrives is cut. */
    private static final int MAX_DATAGRAM = 65536;

    private Datagrams() {
    }

    /**
     * The next datagram on {@code socket} within {@code timeoutMillis} (which becomes the socket's
     * timeout), its data exactly the bytes that came and its address the sender's; null when none came.
     */
    public static DatagramPacket receive(DatagramSocket socket, int timeoutMillis) throws IOException {
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new DatagramPacket(Arrays.copyOf(buf, p.getLength()), p.getLength(), p.getSocketAddress());
    }
}

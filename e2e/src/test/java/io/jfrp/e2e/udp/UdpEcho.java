package io.jfrp.e2e.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A UDP echo service on loopback: answers every datagram with the same bytes, and remembers from
 * which addresses datagrams came (the client's per-user sockets) and the length of each.
 */
final class UdpEcho implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private final Set<SocketAddress> peers = ConcurrentHashMap.newKeySet();
    private final List<Integer> lengths = new ArrayList<>();

    UdpEcho(InetAddress address) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setReceiveBufferSize(4 << 20);
        thread = new Thread(this::serve, "udp-echo");
        thread.setDaemon(true);
        thread.start();
    }

    UdpEcho() throws SocketException {
        this(InetAddress.getLoopbackAddress());
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Addresses datagrams came from so far. */
    Set<SocketAddress> peers() {
        return Set.copyOf(peers);
    }

    /** The length of every datagram received so far, in order. */
    synchronized List<Integer> lengths() {
        return List.copyOf(lengths);
    }

    private void serve() {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
                peers.add(p.getSocketAddress());
                synchronized (this) {
                    lengths.add(p.getLength());
                }
                socket.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
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

package io.jfrp.e2e.udp;

import java.net.DatagramPacket;
import java.net.InetAddress;
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
    private final UdpService service;
    private final Set<SocketAddress> peers = ConcurrentHashMap.newKeySet();
    private final List<Integer> lengths = new ArrayList<>();

    UdpEcho(InetAddress address) throws SocketException {
        service = new UdpService(address, 4 << 20, "udp-echo", (p, socket) -> {
            peers.add(p.getSocketAddress());
            synchronized (this) {
                lengths.add(p.getLength());
            }
            socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
        });
    }

    UdpEcho() throws SocketException {
        this(InetAddress.getLoopbackAddress());
    }

    int port() {
        return service.port();
    }

    /** Addresses datagrams came from so far. */
    Set<SocketAddress> peers() {
        return Set.copyOf(peers);
    }

    /** The length of every datagram received so far, in order. */
    synchronized List<Integer> lengths() {
        return List.copyOf(lengths);
    }

    @Override
    public void close() throws InterruptedException {
        service.close();
    }
}

package io.jfrp.e2e.udp;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A UDP echo service on loopback: answers every datagram with the same bytes, and remembers from
 * which address each datagram came (the client's per-user sockets) and its length, in order.
 */
final class UdpEcho implements AutoCloseable {
    private final UdpService service;
    private final List<Integer> lengths = new ArrayList<>();
    private final List<SocketAddress> sources = new ArrayList<>();

    UdpEcho(InetAddress address) throws SocketException {
        service = new UdpService(address, 4 << 20, "udp-echo", (p, socket) -> {
            synchronized (this) {
                lengths.add(p.getLength());
                sources.add(p.getSocketAddress());
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

    /** How many datagrams arrived so far: a mark for {@link #sourcesSince}. */
    synchronized int received() {
        return sources.size();
    }

    /**
     * The distinct addresses the datagrams after the first {@code mark} came from: a socket made after
     * the mark counts even when the kernel gave it the port of a closed one.
     */
    synchronized Set<SocketAddress> sourcesSince(int mark) {
        return Set.copyOf(sources.subList(mark, sources.size()));
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

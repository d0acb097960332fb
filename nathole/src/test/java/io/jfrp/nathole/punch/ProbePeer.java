package io.jfrp.nathole.punch;

import io.jfrp.protocol.msg.NatHoleSid;
import io.jfrp.testkit.Datagrams;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/** A plain blocking UDP socket playing the other side of a punch in tests. */
final class ProbePeer implements AutoCloseable {
    final DatagramSocket socket;
    private final ProbeCodec codec;

    /** A received probe and where it came from. */
    record Received(InetSocketAddress from, NatHoleSid probe, byte[] raw) {
    }

    ProbePeer(String ip, ProbeCodec codec) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(ip, 0));
        this.codec = codec;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    String hostPort() {
        return address().getAddress().getHostAddress() + ":" + address().getPort();
    }

    /** The next datagram within {@code timeoutMs}, decoded, or null on timeout. */
    Received receive(int timeoutMs) throws Exception {
        DatagramPacket p = Datagrams.receive(socket, timeoutMs);
        if (p == null) {
            return null;
        }
        return new Received((InetSocketAddress) p.getSocketAddress(), codec.decode(p.getData()), p.getData());
    }

    void send(byte[] datagram, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    void send(NatHoleSid probe, InetSocketAddress to) throws IOException {
        byte[] iv = new byte[16];
        new java.security.SecureRandom().nextBytes(iv);
        send(codec.encode(probe, iv), to);
    }

    @Override
    public void close() {
        socket.close();
    }
}

package io.jfrp.kcp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay between one client and one server that drops a seeded random share of the packets
 * in each direction: the lossy path of the tests. Clients send to {@link #address()}; the relay
 * forwards to the server from its own socket and sends the answers back to the last client seen.
 */
final class LossyRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final double loss;
    private final Random random;
    private volatile SocketAddress client;
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong forwarded = new AtomicLong();
    private final Thread up;
    private final Thread down;

    LossyRelay(InetSocketAddress server, double loss, long seed) throws SocketException {
        this.loss = loss;
        this.random = new Random(seed);
        this.front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        front.setReceiveBufferSize(4 << 20);
        back.setReceiveBufferSize(4 << 20);
        back.connect(server);
        this.up = new Thread(() -> pump(front, back, true), "relay-up");
        this.down = new Thread(() -> pump(back, front, false), "relay-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    private boolean drop() {
        synchronized (random) {
            return random.nextDouble() < loss;
        }
    }

    private void pump(DatagramSocket from, DatagramSocket to, boolean upstream) {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            while (true) {
                packet.setData(buf);
                from.receive(packet);
                if (upstream) {
                    client = packet.getSocketAddress();
                }
                if (drop()) {
                    dropped.incrementAndGet();
                    continue;
                }
                SocketAddress target = upstream ? to.getRemoteSocketAddress() : client;
                if (target == null) {
                    continue;
                }
                to.send(new DatagramPacket(buf, packet.getLength(), target));
                forwarded.incrementAndGet();
            }
        } catch (IOException closed) {
            // the relay was closed
        }
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        up.join(2000);
        down.join(2000);
    }
}

package io.jfrp.nathole.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted STUN server on 127.0.0.1 with a primary and an alternate socket, for unit tests of the
 * client and discovery (the netns test uses coturn and stund). It answers Binding requests with
 * XOR-MAPPED-ADDRESS and MAPPED-ADDRESS of the request's source, plus the alternate socket's address
 * as OTHER-ADDRESS or CHANGED-ADDRESS; knobs make it drop requests, shift the reported port (a
 * "symmetric NAT"), send strays first, or answer wrongly.
 */
public final class LoopbackStunServer implements AutoCloseable {
    public enum Alternate { OTHER_ADDRESS, CHANGED_ADDRESS, NONE }

    public enum Answer { SUCCESS, ERROR_420, MALFORMED, NOTHING }

    private final DatagramSocket primary;
    private final DatagramSocket alternate;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Requests received, including dropped ones. */
    public final List<byte[]> requests = new CopyOnWriteArrayList<>();
    public final AtomicInteger dropFirst = new AtomicInteger();
    public volatile Alternate alternateKind = Alternate.OTHER_ADDRESS;
    public volatile Answer answer = Answer.SUCCESS;
    /** Added to the port reported by the alternate socket. */
    public volatile int alternatePortShift;
    /** Whether to send a stray STUN answer (other tid) and junk before the real answer. */
    public volatile boolean straysFirst;

    public LoopbackStunServer() throws SocketException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        primary = new DatagramSocket(new InetSocketAddress(lo, 0));
        alternate = new DatagramSocket(new InetSocketAddress(lo, 0));
        serve(primary, 0);
        serve(alternate, 1);
    }

    public InetSocketAddress primaryAddress() {
        return (InetSocketAddress) primary.getLocalSocketAddress();
    }

    public InetSocketAddress alternateAddress() {
        return (InetSocketAddress) alternate.getLocalSocketAddress();
    }

    private void serve(DatagramSocket socket, int which) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    byte[] req = java.util.Arrays.copyOf(p.getData(), p.getLength());
                    requests.add(req);
                    if (dropFirst.getAndDecrement() > 0) {
                        continue;
                    }
                    answer(socket, which, req, (InetSocketAddress) p.getSocketAddress());
                } catch (IOException e) {
                    return;
                }
            }
        }, "loopback-stun-" + which);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private void answer(DatagramSocket socket, int which, byte[] req, InetSocketAddress from) throws IOException {
        byte[] tid = java.util.Arrays.copyOfRange(req, 8, 20);
        if (straysFirst) {
            byte[] otherTid = tid.clone();
            otherTid[0] ^= 0x55;
            send(socket, success(otherTid, from, 1), from);
            send(socket, "not stun at all, just noise on the port".getBytes(), from);
        }
        switch (answer) {
            case SUCCESS -> send(socket, success(tid, from, which == 1 ? alternatePortShift : 0), from);
            case ERROR_420 -> send(socket, message(0x0111, tid, attr(0x0009, "00000414556e6b6e6f776e")), from);
            case MALFORMED -> send(socket, message(0x0101, tid, attr(0x0001, "0009000100000000")), from);
            case NOTHING -> { }
        }
    }

    private byte[] success(byte[] tid, InetSocketAddress from, int portShift) {
        int port = from.getPort() + portShift;
        byte[] ip = from.getAddress().getAddress();
        String plainIp = hex(ip);
        byte[] xored = ip.clone();
        byte[] cookie = {0x21, 0x12, (byte) 0xA4, 0x42};
        for (int i = 0; i < 4; i++) {
            xored[i] ^= cookie[i];
        }
        StringBuilder attrs = new StringBuilder();
        attrs.append(attr(0x0020, "0001" + String.format("%04x", port ^ 0x2112) + hex(xored)));
        attrs.append(attr(0x0001, "0001" + String.format("%04x", port) + plainIp));
        InetSocketAddress alt = alternateAddress();
        String altValue = "0001" + String.format("%04x", alt.getPort()) + hex(alt.getAddress().getAddress());
        switch (alternateKind) {
            case OTHER_ADDRESS -> attrs.append(attr(0x802C, altValue));
            case CHANGED_ADDRESS -> attrs.append(attr(0x0005, altValue));
            case NONE -> { }
        }
        return message(0x0101, tid, attrs.toString());
    }

    private static byte[] message(int type, byte[] tid, String attrsHex) {
        byte[] attrs = java.util.HexFormat.of().parseHex(attrsHex);
        ByteBuffer b = ByteBuffer.allocate(20 + attrs.length);
        b.putShort((short) type).putShort((short) attrs.length).putInt(0x2112A442).put(tid).put(attrs);
        return b.array();
    }

    private static String attr(int type, String valueHex) {
        int length = valueHex.length() / 2;
        return String.format("%04x%04x", type, length) + valueHex + "00".repeat((4 - length % 4) % 4);
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static void send(DatagramSocket socket, byte[] data, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(data, data.length, to));
    }

    @Override
    public void close() throws InterruptedException {
        primary.close();
        alternate.close();
        for (Thread t : threads) {
            t.join(2000);
        }
    }
}

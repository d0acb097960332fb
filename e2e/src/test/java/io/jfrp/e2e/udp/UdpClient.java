package io.jfrp.e2e.udp;

import io.jfrp.testkit.Datagrams;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** A user of a UDP service: one socket, a datagram out, the answer back within a deadline. */
final class UdpClient implements AutoCloseable {
    private final DatagramSocket socket;
    /** The last datagram sent more than once (by {@link #exchangeRetrying}, or {@link #send} then
     *  exchangeRetrying): a late answer to it may still come. */
    private byte[] resent;
    /** The last datagram sent. */
    private byte[] last;

    UdpClient(InetSocketAddress bind) throws IOException {
        socket = new DatagramSocket(bind);
    }

    UdpClient() throws IOException {
        this(new InetSocketAddress("127.0.0.1", 0));
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Sends {@code data} to {@code target}. */
    void send(InetSocketAddress target, byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, target));
        last = data;
    }

    /** Sends {@code data} to {@code target} and returns the first answer, or null after {@code timeoutMillis}. */
    byte[] exchange(InetSocketAddress target, byte[] data, int timeoutMillis) throws IOException {
        socket.send(new DatagramPacket(data, data.length, target));
        return receive(timeoutMillis);
    }

    /**
     * Sends {@code data} until an answer comes (the first datagrams may meet a tunnel still opening).
     * A late answer to an earlier exchange's retried datagram (both of its copies were answered) is
     * skipped, not taken as this exchange's answer.
     */
    byte[] exchangeRetrying(InetSocketAddress target, byte[] data, int attempts, int timeoutMillis) throws IOException {
        for (int i = 0; i < attempts; i++) {
            if (i > 0 || Arrays.equals(data, last)) {
                resent = data; // the same datagram again: both copies may be answered
            }
            send(target, data);
            byte[] answer = receiveSkippingLateAnswers(data, timeoutMillis);
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }

    private byte[] receiveSkippingLateAnswers(byte[] data, int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            byte[] answer = left <= 0 ? null : receive((int) left);
            if (answer == null || resent == null || Arrays.equals(answer, data) || !Arrays.equals(answer, resent)) {
                return answer;
            }
        }
    }

    /**
     * Like {@link #exchangeRetrying}, then drops late answers to the retries (datagrams a tunnel still
     * opening kept and delivered later), so the next exchange reads its own answer.
     */
    byte[] warmUp(InetSocketAddress target, byte[] data) throws IOException {
        byte[] answer = exchangeRetrying(target, data, 20, 500);
        while (receive(700) != null) {
            // a late answer to an earlier attempt
        }
        return answer;
    }

    /** The next datagram, or null after {@code timeoutMillis}. */
    byte[] receive(int timeoutMillis) throws IOException {
        DatagramPacket p = Datagrams.receive(socket, timeoutMillis);
        return p == null ? null : p.getData();
    }

    @Override
    public void close() {
        socket.close();
    }
}

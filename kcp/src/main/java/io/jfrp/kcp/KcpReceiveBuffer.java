package io.jfrp.kcp;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * The receiving half of a {@link KcpEngine}: out-of-order segments wait in rcv_buf (sorted by sn,
 * only sn in [rcv_nxt, rcv_nxt + rcv_wnd) accepted), in-order ones move to rcv_queue while it
 * holds fewer than rcv_wnd segments, and the application reads whole messages from there. Also
 * keeps the acks owed to the peer (sn, ts pairs) until the next flush. Memory is bounded by the
 * receive window: at most rcv_wnd segments in each buffer.
 *
 * <p>Not thread-safe; owned by its engine.
 */
final class KcpReceiveBuffer {
    private int rcvNxt;
    private int rcvWnd = KcpEngine.WND_RCV;
    private final ArrayDeque<KcpSegment> rcvQueue = new ArrayDeque<>();
    private final ArrayList<KcpSegment> rcvBuf = new ArrayList<>();
    /** Acks owed: sn at 2i, ts at 2i + 1. */
    private int[] acklist = new int[64];
    private int ackcount;

    int rcvNxt() {
        return rcvNxt;
    }

    int rcvWnd() {
        return rcvWnd;
    }

    void setRcvWnd(int wnd) {
        rcvWnd = wnd;
    }

    /** Free receive window advertised to the peer (segments). */
    int wndUnused() {
        return rcvQueue.size() < rcvWnd ? rcvWnd - rcvQueue.size() : 0;
    }

    /** Whether a push with this sn is below the window's top (it is acked even if old). */
    boolean belowWindowTop(int sn) {
        return sn - (rcvNxt + rcvWnd) < 0;
    }

    int peekSize() {
        KcpSegment first = rcvQueue.peekFirst();
        if (first == null) {
            return -1;
        }
        if (first.frg == 0) {
            return first.len;
        }
        if (rcvQueue.size() < first.frg + 1) {
            return -1;
        }
        int length = 0;
        for (KcpSegment seg : rcvQueue) {
            length += seg.len;
            if (seg.frg == 0) {
                break;
            }
        }
        return length;
    }

    /**
     * Moves the next message into {@code dst}; returns its size or -1. Sets {@code tell[0]} when
     * the queue was full before and is not any more (the peer must learn the window reopened).
     */
    int recv(ByteBuf dst, boolean[] tell) {
        int peek = peekSize();
        if (peek < 0) {
            return -1;
        }
        if (peek > dst.writableBytes()) {
            throw new IllegalArgumentException("recv buffer has " + dst.writableBytes() + " bytes, message " + peek);
        }
        boolean fastRecover = rcvQueue.size() >= rcvWnd;
        int n = 0;
        while (!rcvQueue.isEmpty()) {
            KcpSegment seg = rcvQueue.pollFirst();
            dst.writeBytes(seg.data, 0, seg.len);
            n += seg.len;
            if (seg.frg == 0) {
                break;
            }
        }
        moveReceived();
        tell[0] = rcvQueue.size() < rcvWnd && fastRecover;
        return n;
    }

    void pushAck(int sn, int ts) {
        if (ackcount * 2 == acklist.length) {
            acklist = Arrays.copyOf(acklist, acklist.length * 2);
        }
        acklist[ackcount * 2] = sn;
        acklist[ackcount * 2 + 1] = ts;
        ackcount++;
    }

    int ackCount() {
        return ackcount;
    }

    int ackSn(int i) {
        return acklist[i * 2];
    }

    int ackTs(int i) {
        return acklist[i * 2 + 1];
    }

    void clearAcks() {
        ackcount = 0;
    }

    /** Files a received push segment, copying its data out of {@code packet}; duplicates are dropped. */
    void parseData(KcpSegment newseg, byte[] packet, int dataOff) {
        int sn = newseg.sn;
        if (sn - (rcvNxt + rcvWnd) >= 0 || sn - rcvNxt < 0) {
            return;
        }
        int insertIdx = 0;
        boolean repeat = false;
        for (int i = rcvBuf.size() - 1; i >= 0; i--) {
            KcpSegment seg = rcvBuf.get(i);
            if (seg.sn == sn) {
                repeat = true;
                break;
            }
            if (sn - seg.sn > 0) {
                insertIdx = i + 1;
                break;
            }
        }
        if (!repeat) {
            newseg.data = Arrays.copyOfRange(packet, dataOff, dataOff + newseg.len);
            rcvBuf.add(insertIdx, newseg);
        }
        moveReceived();
    }

    /** Moves in-order segments from rcv_buf to rcv_queue while the queue is under rcv_wnd. */
    private void moveReceived() {
        int count = 0;
        while (count < rcvBuf.size()) {
            KcpSegment seg = rcvBuf.get(count);
            if (seg.sn == rcvNxt && rcvQueue.size() < rcvWnd) {
                rcvQueue.addLast(seg);
                rcvNxt++;
                count++;
            } else {
                break;
            }
        }
        if (count > 0) {
            rcvBuf.subList(0, count).clear();
        }
    }
}

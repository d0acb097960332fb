package io.jfrp.kcp;

import io.netty.buffer.ByteBuf;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The KCP ARQ state machine as xtaci/kcp-go v5 runs it, with no I/O and no clock of its own: the
 * caller passes the current time (ms, wrapping 32-bit) to every call, feeds received packets to
 * {@link #input}, and calls {@link #flush} on its timer; packets leave through {@link Output}.
 * That makes the engine deterministic under a simulated clock (see its unit tests).
 *
 * <h3>What it does</h3>
 * Segments (layout in {@link KcpSegment}) carry a sequence number; the receiver acks each one
 * (cmd 82, sn and the echoed ts) and advertises una (next expected sn) and its free window in every
 * segment. The sender keeps up to min(snd_wnd, rmt_wnd[, cwnd]) segments in flight, retransmits on
 * RTO (RFC 6298 estimate, min 30 ms in nodelay mode else 100 ms; backoff +rto, or +rto/2 in nodelay
 * mode), on fast resend (an unacked segment skipped by {@code fastresend} later acks) and, as kcp-go
 * does, "early" when a segment was skipped once and no new data went out in this flush. A zero
 * remote window is probed with WASK (7 s, growing by half up to 120 s); a receiver whose queue was
 * full tells its window (WINS) once the application has read. Congestion control (slow start,
 * congestion avoidance, rate halving on fast retransmit, cwnd 1 on timeout) applies unless
 * {@code nc} is set. Stream mode appends writes into the last unsent segment and never fragments
 * a message (frg 0); message mode splits a message into at most 255 fragments.
 *
 * <h3>kcp-go specifics kept for compatibility</h3>
 * acks older than rcv_nxt are dropped when several are queued (bufferbloat filter); rmt_wnd is
 * taken only from "regular" packets, not from packets an FEC decoder recovered, and neither is an
 * RTT sample; out-of-order acks only mark a segment, which leaves with una; a packet whose una
 * slid the window triggers an immediate flush. {@code reserved} bytes at the start of every
 * output buffer are left for the FEC header. kcp-go's dead-link mark (a segment sent 20 times)
 * is not kept: kcp-go never acts on it, and {@link KcpChannel}'s idle timeout ends dead sessions.
 * The receiving half (reordering, reassembly, acks owed) is {@link KcpReceiveBuffer}.
 *
 * <h3>Threading</h3>
 * Not thread-safe: one owner (the session's event loop) calls everything.
 */
final class KcpEngine {
    static final int RTO_NDL = 30;
    static final int RTO_MIN = 100;
    static final int RTO_DEF = 200;
    static final int RTO_MAX = 60000;
    static final int ASK_SEND = 1;
    static final int ASK_TELL = 2;
    static final int WND_SND = 32;
    static final int WND_RCV = 32;
    static final int MTU_DEF = 1400;
    static final int INTERVAL = 100;
    static final int THRESH_INIT = 2;
    static final int THRESH_MIN = 2;
    static final int PROBE_INIT = 7000;
    static final int PROBE_LIMIT = 120000;
    /** Largest fragment count of a message in message mode. */
    static final int MAX_FRAGMENTS = 255;

    /** Receives every packet the engine emits. */
    interface Output {
        /**
         * {@code buffer[0, length)} is one packet whose first {@code reserved} bytes are left free for
         * the caller's header. The buffer is reused after the call returns.
         */
        void output(byte[] buffer, int length);
    }

    private final int conv;
    private final Output output;
    private int mtu = MTU_DEF;
    private int mss;
    private int reserved;
    private byte[] buffer;

    private int sndUna;
    private int sndNxt;
    private int ssthresh = THRESH_INIT;
    private int rxRttvar;
    private int rxSrtt;
    private int rxRto = RTO_DEF;
    private int rxMinrto = RTO_MIN;
    private int sndWnd = WND_SND;
    private int rmtWnd = WND_RCV;
    private int cwnd;
    private int probe;
    private int interval = INTERVAL;
    private boolean nodelay;
    private int tsProbe;
    private int probeWait;
    private int incr;
    private int fastresend;
    private boolean nocwnd;
    private boolean stream;

    private final ArrayDeque<KcpSegment> sndQueue = new ArrayDeque<>();
    private final ArrayDeque<KcpSegment> sndBuf = new ArrayDeque<>();
    private final KcpReceiveBuffer receiver = new KcpReceiveBuffer();

    KcpEngine(int conv, Output output) {
        this.conv = conv;
        this.output = output;
        this.mss = mtu - KcpSegment.OVERHEAD;
        this.buffer = new byte[mtu];
    }

    // ------------------------------------------------------------------------------ settings

    /** Keeps {@code n} bytes free at the start of every output packet; false if it leaves no room. */
    boolean reserveBytes(int n) {
        if (n < 0 || n >= mtu - KcpSegment.OVERHEAD) {
            return false;
        }
        reserved = n;
        mss = mtu - KcpSegment.OVERHEAD - n;
        return true;
    }

    /** Sets the largest packet (bytes, header and reserved bytes included); false if under 50. */
    boolean setMtu(int newMtu) {
        if (newMtu < 50 || newMtu - KcpSegment.OVERHEAD - reserved <= 0) {
            return false;
        }
        mtu = newMtu;
        mss = mtu - KcpSegment.OVERHEAD - reserved;
        buffer = new byte[mtu];
        return true;
    }

    /** kcp-go's NoDelay: negative arguments leave a setting alone; interval is clamped to [10, 5000]. */
    void setNoDelay(int nodelayMode, int intervalMs, int resend, int nc) {
        if (nodelayMode >= 0) {
            nodelay = nodelayMode != 0;
            rxMinrto = nodelay ? RTO_NDL : RTO_MIN;
        }
        if (intervalMs >= 0) {
            interval = Math.max(10, Math.min(5000, intervalMs));
        }
        if (resend >= 0) {
            fastresend = resend;
        }
        if (nc >= 0) {
            nocwnd = nc != 0;
        }
    }

    /** Maximum windows in segments; non-positive values leave a window alone. */
    void setWindowSize(int snd, int rcv) {
        if (snd > 0) {
            sndWnd = snd;
        }
        if (rcv > 0) {
            receiver.setRcvWnd(rcv);
        }
    }

    void setStreamMode(boolean on) {
        stream = on;
    }

    int conv() {
        return conv;
    }

    int mss() {
        return mss;
    }

    int rmtWnd() {
        return rmtWnd;
    }

    int rto() {
        return rxRto;
    }

    int srtt() {
        return rxSrtt;
    }

    int interval() {
        return interval;
    }

    /** Segments written by the application and not yet acknowledged (kcp-go's WaitSnd). */
    int waitSnd() {
        return sndBuf.size() + sndQueue.size();
    }

    /** Whether the application may write more: kcp-go blocks Write at min(snd_wnd, rmt_wnd). */
    boolean writable() {
        int w = waitSnd();
        return w < sndWnd && w < rmtWnd;
    }

    // ------------------------------------------------------------------------------ user side

    /** Size of the next message to {@link #recv}, or -1 if none is complete. */
    int peekSize() {
        return receiver.peekSize();
    }

    /**
     * Moves the next message into {@code dst} (which must have {@link #peekSize()} writable bytes);
     * returns its size, or -1 if there is none.
     */
    int recv(ByteBuf dst) {
        boolean[] tell = new boolean[1];
        int n = receiver.recv(dst, tell);
        if (tell[0]) {
            probe |= ASK_TELL;
        }
        return n;
    }

    /**
     * Queues {@code len} bytes of {@code src} from its reader index (consumed); returns 0, or -1
     * for an empty write, -2 if a message would need more than {@value #MAX_FRAGMENTS} fragments.
     */
    int send(ByteBuf src, int len) {
        if (len <= 0) {
            return -1;
        }
        if (stream) {
            KcpSegment last = sndQueue.peekLast();
            if (last != null && last.len < mss) {
                int extend = Math.min(mss - last.len, len);
                src.readBytes(last.data, last.len, extend);
                last.len += extend;
                len -= extend;
            }
            if (len == 0) {
                return 0;
            }
        }
        int count = len <= mss ? 1 : (len + mss - 1) / mss;
        if (count > MAX_FRAGMENTS) {
            return -2;
        }
        for (int i = 0; i < count; i++) {
            int size = Math.min(len, mss);
            // A full-mss array in stream mode so later writes can be appended in place.
            KcpSegment seg = new KcpSegment(new byte[stream ? mss : size], size);
            src.readBytes(seg.data, 0, size);
            seg.frg = stream ? 0 : count - i - 1;
            sndQueue.addLast(seg);
            len -= size;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------ input

    private void updateAck(int rtt) {
        if (rxSrtt == 0) {
            rxSrtt = rtt;
            rxRttvar = rtt >> 1;
        } else {
            int delta = rtt - rxSrtt;
            rxSrtt += delta >> 3;
            if (delta < 0) {
                delta = -delta;
            }
            if (rtt < rxSrtt - rxRttvar) {
                // a sample below the expected range gets an 8x smaller weight
                rxRttvar += (delta - rxRttvar) >> 5;
            } else {
                rxRttvar += (delta - rxRttvar) >> 2;
            }
        }
        int rto = rxSrtt + Math.max(interval, rxRttvar << 2);
        rxRto = Math.max(rxMinrto, Math.min(rto, RTO_MAX));
    }

    private void shrinkBuf() {
        KcpSegment first = sndBuf.peekFirst();
        sndUna = first != null ? first.sn : sndNxt;
    }

    private void parseAck(int sn) {
        if (sn - sndUna < 0 || sn - sndNxt >= 0) {
            return;
        }
        for (KcpSegment seg : sndBuf) {
            if (sn == seg.sn) {
                seg.acked = true;
                seg.data = null;
                break;
            }
            if (sn - seg.sn < 0) {
                break;
            }
        }
    }

    private void parseFastack(int sn, int ts) {
        if (sn - sndUna < 0 || sn - sndNxt >= 0) {
            return;
        }
        for (KcpSegment seg : sndBuf) {
            if (sn - seg.sn < 0) {
                break;
            } else if (sn != seg.sn && seg.ts - ts <= 0) {
                seg.fastack++;
            }
        }
    }

    private int parseUna(int una) {
        int count = 0;
        while (!sndBuf.isEmpty() && una - sndBuf.peekFirst().sn > 0) {
            sndBuf.pollFirst();
            count++;
        }
        return count;
    }

    /**
     * Feeds one packet's KCP bytes. {@code regular} is false for data an FEC decoder recovered (no
     * window update, no RTT sample); {@code ackNoDelay} flushes acks at once.
     *
     * @return 0, -1 if too short or the conv differs, -2 if a segment overruns the packet, -3 for an
     *     unknown command (segments before the bad one have been applied, as in kcp-go)
     */
    int input(byte[] data, int off, int len, boolean regular, boolean ackNoDelay, int now) {
        int prevUna = sndUna;
        if (len < KcpSegment.OVERHEAD) {
            return -1;
        }
        int latest = 0;
        boolean gotAck = false;
        boolean windowSlides = false;
        int end = off + len;
        while (end - off >= KcpSegment.OVERHEAD) {
            int segConv = KcpSegment.getInt(data, off);
            if (segConv != conv) {
                return -1;
            }
            byte cmd = data[off + 4];
            int frg = data[off + 5] & 0xff;
            int wnd = KcpSegment.getShort(data, off + 6);
            int ts = KcpSegment.getInt(data, off + 8);
            int sn = KcpSegment.getInt(data, off + 12);
            int una = KcpSegment.getInt(data, off + 16);
            int length = KcpSegment.getInt(data, off + 20);
            off += KcpSegment.OVERHEAD;
            if (length < 0 || end - off < length) {
                return -2;
            }
            if (cmd != KcpSegment.CMD_PUSH && cmd != KcpSegment.CMD_ACK && cmd != KcpSegment.CMD_WASK
                    && cmd != KcpSegment.CMD_WINS) {
                return -3;
            }
            if (regular) {
                rmtWnd = wnd;
            }
            if (parseUna(una) > 0) {
                windowSlides = true;
            }
            shrinkBuf();
            if (cmd == KcpSegment.CMD_ACK) {
                parseAck(sn);
                parseFastack(sn, ts);
                gotAck = true;
                latest = ts;
            } else if (cmd == KcpSegment.CMD_PUSH) {
                if (receiver.belowWindowTop(sn)) {
                    receiver.pushAck(sn, ts);
                    if (sn - receiver.rcvNxt() >= 0) {
                        // The receive buffer reads only sn, frg and the payload of what it keeps.
                        KcpSegment seg = new KcpSegment(null, length);
                        seg.frg = frg;
                        seg.sn = sn;
                        receiver.parseData(seg, data, off);
                    }
                }
            } else if (cmd == KcpSegment.CMD_WASK) {
                probe |= ASK_TELL;
            }
            off += length;
        }
        if (gotAck && regular && now - latest >= 0) {
            updateAck(now - latest);
        }
        if (!nocwnd && sndUna - prevUna > 0 && cwnd < rmtWnd) {
            growCwnd();
        }
        if (windowSlides) {
            flush(false, now);
        } else if (ackNoDelay && receiver.ackCount() > 0) {
            flush(true, now);
        }
        return 0;
    }

    private void growCwnd() {
        int m = mss;
        if (cwnd < ssthresh) {
            cwnd++;
            incr += m;
        } else {
            if (incr < m) {
                incr = m;
            }
            incr += (m * m) / incr + (m / 16);
            if ((cwnd + 1) * m <= incr) {
                cwnd = (incr + m - 1) / m;
            }
        }
        if (cwnd > rmtWnd) {
            cwnd = rmtWnd;
            incr = rmtWnd * m;
        }
    }

    // ------------------------------------------------------------------------------ output

    /** Write position in {@link #buffer} during a flush. */
    private int ptr;

    private void makeSpace(int space) {
        if (ptr + space > mtu) {
            output.output(buffer, ptr);
            ptr = reserved;
        }
    }

    private void flushBuffer() {
        if (ptr > reserved) {
            output.output(buffer, ptr);
        }
        ptr = reserved;
    }

    /**
     * Sends pending acks, window probes, new segments within the window and due retransmissions.
     *
     * @return the time (ms) until the earliest retransmission, at most {@code interval}
     */
    int flush(boolean ackOnly, int now) {
        KcpSegment seg = new KcpSegment(null, 0);
        seg.conv = conv;
        seg.cmd = KcpSegment.CMD_ACK;
        seg.wnd = receiver.wndUnused();
        seg.una = receiver.rcvNxt();
        ptr = reserved;

        int acks = receiver.ackCount();
        for (int i = 0; i < acks; i++) {
            makeSpace(KcpSegment.OVERHEAD);
            int sn = receiver.ackSn(i);
            // filter jitters caused by bufferbloat, as kcp-go does
            if (sn - seg.una >= 0 || i == acks - 1) {
                seg.sn = sn;
                seg.ts = receiver.ackTs(i);
                ptr = seg.encodeHeader(buffer, ptr);
            }
        }
        receiver.clearAcks();
        if (ackOnly) {
            flushBuffer();
            return interval;
        }

        if (rmtWnd == 0) {
            if (probeWait == 0) {
                probeWait = PROBE_INIT;
                tsProbe = now + probeWait;
            } else if (now - tsProbe >= 0) {
                if (probeWait < PROBE_INIT) {
                    probeWait = PROBE_INIT;
                }
                probeWait += probeWait / 2;
                if (probeWait > PROBE_LIMIT) {
                    probeWait = PROBE_LIMIT;
                }
                tsProbe = now + probeWait;
                probe |= ASK_SEND;
            }
        } else {
            tsProbe = 0;
            probeWait = 0;
        }
        if ((probe & ASK_SEND) != 0) {
            seg.cmd = KcpSegment.CMD_WASK;
            makeSpace(KcpSegment.OVERHEAD);
            ptr = seg.encodeHeader(buffer, ptr);
        }
        if ((probe & ASK_TELL) != 0) {
            seg.cmd = KcpSegment.CMD_WINS;
            makeSpace(KcpSegment.OVERHEAD);
            ptr = seg.encodeHeader(buffer, ptr);
        }
        probe = 0;

        int window = Math.min(sndWnd, rmtWnd);
        if (!nocwnd) {
            window = umin(cwnd, window);
        }
        int newSegs = 0;
        while (!sndQueue.isEmpty() && sndNxt - (sndUna + window) < 0) {
            KcpSegment newseg = sndQueue.pollFirst();
            newseg.conv = conv;
            newseg.cmd = KcpSegment.CMD_PUSH;
            newseg.sn = sndNxt++;
            sndBuf.addLast(newseg);
            newSegs++;
        }

        // kcp-go: fastresend <= 0 means 0xffffffff, i.e. never
        int resent = fastresend > 0 ? fastresend : -1;
        int change = 0;
        boolean lost = false;
        int minrto = interval;
        for (Iterator<KcpSegment> it = sndBuf.iterator(); it.hasNext(); ) {
            KcpSegment s = it.next();
            if (s.acked) {
                continue;
            }
            boolean needsend = false;
            if (s.xmit == 0) {
                needsend = true;
                s.rto = rxRto;
                s.resendts = now + s.rto;
            } else if (Integer.compareUnsigned(s.fastack, resent) >= 0) {
                needsend = true;
                s.fastack = 0;
                s.rto = rxRto;
                s.resendts = now + s.rto;
                change++;
            } else if (s.fastack > 0 && newSegs == 0) {
                needsend = true;
                s.fastack = 0;
                s.rto = rxRto;
                s.resendts = now + s.rto;
                change++;
            } else if (now - s.resendts >= 0) {
                needsend = true;
                s.rto += nodelay ? rxRto / 2 : rxRto;
                s.fastack = 0;
                s.resendts = now + s.rto;
                lost = true;
            }
            if (needsend) {
                s.xmit++;
                s.ts = now;
                s.wnd = seg.wnd;
                s.una = seg.una;
                makeSpace(KcpSegment.OVERHEAD + s.len);
                ptr = s.encodeHeader(buffer, ptr);
                System.arraycopy(s.data, 0, buffer, ptr, s.len);
                ptr += s.len;
            }
            int rto = s.resendts - now;
            if (rto > 0 && rto < minrto) {
                minrto = rto;
            }
        }
        flushBuffer();

        if (!nocwnd) {
            if (change > 0) {
                int inflight = sndNxt - sndUna;
                ssthresh = Math.max(inflight / 2, THRESH_MIN);
                cwnd = ssthresh + resent;
                incr = cwnd * mss;
            }
            if (lost) {
                ssthresh = Math.max(window / 2, THRESH_MIN);
                cwnd = 1;
                incr = mss;
            }
            if (Integer.compareUnsigned(cwnd, 1) < 0) {
                cwnd = 1;
                incr = mss;
            }
        }
        return minrto;
    }

    /** Drops every queued and unacknowledged outgoing segment (on close). */
    void releaseTx() {
        sndQueue.clear();
        sndBuf.clear();
    }

    private static int umin(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }
}

package io.jfrp.kcp;

/**
 * One KCP segment: its 24-byte header fields plus the sender's retransmission bookkeeping.
 * Mutable, owned by one {@link KcpEngine}.
 *
 * <h3>Wire layout (all little-endian)</h3>
 * <pre>
 *  0      4     5     6       8      12     16     20     24
 *  +------+-----+-----+-------+------+------+------+------+---------------+
 *  | conv | cmd | frg |  wnd  |  ts  |  sn  | una  | len  | data (len)    |
 *  | u32  | u8  | u8  |  u16  | u32  | u32  | u32  | u32  |               |
 *  +------+-----+-----+-------+------+------+------+------+---------------+
 * </pre>
 * cmd is 81 push, 82 ack, 83 window ask, 84 window tell; frg counts the fragments still to come
 * of a message (always 0 in stream mode); wnd is the sender's free receive window in segments; ts
 * the send time in ms (echoed back in the ack); una the next sequence number the sender expects.
 * Several segments may follow one another in one UDP packet.
 */
final class KcpSegment {
    /** Bytes of the header. */
    static final int OVERHEAD = 24;
    /** Offset of sn inside the header (kcp-go's listener reads it to spot a new conversation). */
    static final int SN_OFFSET = 12;

    static final byte CMD_PUSH = 81;
    static final byte CMD_ACK = 82;
    static final byte CMD_WASK = 83;
    static final byte CMD_WINS = 84;

    int conv;
    byte cmd;
    int frg;
    int wnd;
    int ts;
    int sn;
    int una;

    /** Current retransmission timeout of this segment (ms). */
    int rto;
    /** How often it has been transmitted. */
    int xmit;
    /** When (ms clock) it is retransmitted unless acknowledged. */
    int resendts;
    /** Acks of later segments seen since its last transmission (fast retransmit). */
    int fastack;
    /** Acknowledged out of order; removed once una passes it. */
    boolean acked;

    /** Payload; only the first {@link #len} bytes count (stream mode appends in place). */
    byte[] data;
    int len;

    KcpSegment(byte[] data, int len) {
        this.data = data;
        this.len = len;
    }

    /** Writes the header (with {@link #len} as the length field) at {@code off}; returns the next offset. */
    int encodeHeader(byte[] buf, int off) {
        putInt(buf, off, conv);
        buf[off + 4] = cmd;
        buf[off + 5] = (byte) frg;
        buf[off + 6] = (byte) wnd;
        buf[off + 7] = (byte) (wnd >>> 8);
        putInt(buf, off + 8, ts);
        putInt(buf, off + 12, sn);
        putInt(buf, off + 16, una);
        putInt(buf, off + 20, len);
        return off + OVERHEAD;
    }

    static void putInt(byte[] buf, int off, int v) {
        buf[off] = (byte) v;
        buf[off + 1] = (byte) (v >>> 8);
        buf[off + 2] = (byte) (v >>> 16);
        buf[off + 3] = (byte) (v >>> 24);
    }

    static int getInt(byte[] buf, int off) {
        return (buf[off] & 0xff) | (buf[off + 1] & 0xff) << 8 | (buf[off + 2] & 0xff) << 16
                | (buf[off + 3] & 0xff) << 24;
    }

    static int getShort(byte[] buf, int off) {
        return (buf[off] & 0xff) | (buf[off + 1] & 0xff) << 8;
    }

    static void putShort(byte[] buf, int off, int v) {
        buf[off] = (byte) v;
        buf[off + 1] = (byte) (v >>> 8);
    }
}

package io.jfrp.kcp;

/**
 * kcp-go's FEC header, which starts at byte 0 of the UDP payload (no block cipher): written by
 * {@link FecEncoder}, read by {@link FecDecoder}, {@link KcpConnection} and {@link KcpListener}.
 *
 * <h3>Packet layout (little-endian)</h3>
 * <pre>
 * data shard:    | seqid u32 | 0xf1 0x00 | size u16 | KCP segments (size - 2 bytes) |
 * parity shard:  | seqid u32 | 0xf2 0x00 | parity bytes                             |
 * </pre>
 * size counts itself plus the KCP bytes. The 16-bit flag cannot be mistaken for the cmd/frg bytes
 * of a bare KCP segment (cmd 81-84), so a packet tells whether it is FEC-framed.
 */
final class FecHeader {
    /** Bytes of the header: seqid and flag. */
    static final int SIZE = 6;
    /** Where the flag is. */
    static final int FLAG_OFFSET = 4;
    /** Where a data shard's KCP bytes start: after the header and the size field. */
    static final int DATA_OFFSET = SIZE + 2;
    static final int TYPE_DATA = 0xf1;
    static final int TYPE_PARITY = 0xf2;

    private FecHeader() {
    }

    /** Whether a packet's flag field holds one of the FEC types. */
    static boolean isFecFlag(int flag) {
        return flag == TYPE_DATA || flag == TYPE_PARITY;
    }
}

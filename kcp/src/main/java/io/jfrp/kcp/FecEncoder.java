package io.jfrp.kcp;

import java.util.Arrays;

/**
 * kcp-go's FEC encoder: stamps the header ({@link FecHeader}, which has the layout) on every
 * outgoing packet. Every {@code data} data packets (seqids n .. n+data-1) are followed by
 * {@code parity} parity packets (the next seqids), computed by {@link ReedSolomon} over the data
 * packets' bytes from offset 6 (size field onward), each zero-padded to the longest of the group; a
 * parity packet is therefore as long as the longest data packet of its group. seqid counts up by
 * one per packet and wraps to 0 after the last multiple of (data + parity) below 2^32, so a group
 * never straddles the wrap ("paws" in kcp-go).
 *
 * <p>Not thread-safe; one per session.
 */
final class FecEncoder {
    private final ReedSolomon codec;
    private final int dataShards;
    private final int parityShards;
    private final int paws;
    private int next;
    private int shardCount;
    private int maxSize;
    private final byte[][] shardCache;
    private final int[] shardLength;

    /** @param maxPacket the largest packet the session emits (its MTU) */
    FecEncoder(ReedSolomon codec, int maxPacket) {
        this.codec = codec;
        this.dataShards = codec.dataShards();
        this.parityShards = codec.parityShards();
        int total = dataShards + parityShards;
        this.paws = (int) (0xffffffffL / total * total);
        this.shardCache = new byte[total][maxPacket];
        this.shardLength = new int[dataShards];
    }

    /**
     * Sets the seqid the next packet gets, so a test can reach the wrap point at {@code paws}
     * without encoding hundreds of millions of groups first; {@code seqid} should start a group.
     */
    void startSeqidAt(int seqid) {
        next = seqid;
    }

    /**
     * Stamps the data header into {@code packet[0, 8)} (the KCP bytes are at {@code [8, length)})
     * and files a copy; returns how many parity packets became ready (0 or {@code parity}), which
     * {@link #parity} and {@link #parityLength} then expose until the next call.
     */
    int encode(byte[] packet, int length) {
        KcpSegment.putInt(packet, 0, next);
        KcpSegment.putShort(packet, FecHeader.FLAG_OFFSET, FecHeader.TYPE_DATA);
        next++;
        KcpSegment.putShort(packet, FecHeader.SIZE, length - FecHeader.SIZE);

        System.arraycopy(packet, 0, shardCache[shardCount], 0, length);
        shardLength[shardCount] = length;
        shardCount++;
        maxSize = Math.max(maxSize, length);
        if (shardCount < dataShards) {
            return 0;
        }
        for (int i = 0; i < dataShards; i++) {
            Arrays.fill(shardCache[i], shardLength[i], maxSize, (byte) 0);
        }
        codec.encode(shardCache, FecHeader.SIZE, maxSize - FecHeader.SIZE);
        for (int p = 0; p < parityShards; p++) {
            byte[] shard = shardCache[dataShards + p];
            KcpSegment.putInt(shard, 0, next);
            KcpSegment.putShort(shard, FecHeader.FLAG_OFFSET, FecHeader.TYPE_PARITY);
            next = Integer.remainderUnsigned(next + 1, paws);
        }
        parityLength = maxSize;
        shardCount = 0;
        maxSize = 0;
        return parityShards;
    }

    private int parityLength;

    /** Parity packet {@code i} of the group just completed; valid until the next {@link #encode}. */
    byte[] parity(int i) {
        return shardCache[dataShards + i];
    }

    int parityLength() {
        return parityLength;
    }
}

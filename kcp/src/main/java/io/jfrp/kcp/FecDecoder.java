package io.jfrp.kcp;

import java.util.ArrayList;
import java.util.List;

/**
 * kcp-go's FEC decoder: keeps the FEC packets it has seen in seqid order (at most 3 groups'
 * worth, each for at most 60 s), and as soon as a group (seqids {@code [k*n, k*n + n)}, n = data +
 * parity) holds {@code data} packets of which some data shard is missing, rebuilds the missing
 * data shards with {@link ReedSolomon} and returns them. A group whose data shards all arrived is
 * simply dropped. Data packets are passed to KCP by the caller at once, independently of this
 * class; only recovered shards come from here. Layout in {@link FecHeader}.
 *
 * <p>Not supported, as a limit of this port: kcp-go's auto-tuning of the shard counts to a peer
 * that uses other ones (frp fixes 10 + 3 on both ends).
 *
 * <p>Not thread-safe; one per session.
 */
final class FecDecoder {
    static final int EXPIRE_MS = 60000;
    static final int RX_MULTI = 3;

    private static final class Element {
        final int seqid;
        final int flag;
        /** The bytes after the 6-byte header (for a data shard: size field, then KCP bytes). */
        final byte[] data;
        final int ts;

        Element(int seqid, int flag, byte[] data, int ts) {
            this.seqid = seqid;
            this.flag = flag;
            this.data = data;
            this.ts = ts;
        }
    }

    private final ReedSolomon codec;
    private final int dataShards;
    private final int shardSize;
    private final int rxLimit;
    private final ArrayList<Element> rx = new ArrayList<>();

    FecDecoder(ReedSolomon codec) {
        this.codec = codec;
        this.dataShards = codec.dataShards();
        this.shardSize = dataShards + codec.parityShards();
        this.rxLimit = RX_MULTI * shardSize;
    }

    /** Packets held (for tests and the memory bound). */
    int pending() {
        return rx.size();
    }

    /**
     * Files one FEC packet ({@code packet[off, off + len)}, header included, len >= 8) and returns
     * the data shards it made recoverable, each as {@code | size u16 | KCP bytes | zero padding |}.
     */
    List<byte[]> decode(byte[] packet, int off, int len, int now) {
        int seqid = KcpSegment.getInt(packet, off);
        int flag = KcpSegment.getShort(packet, off + 4);
        int insertIdx = 0;
        for (int i = rx.size() - 1; i >= 0; i--) {
            int other = rx.get(i).seqid;
            if (seqid == other) {
                return List.of();
            }
            if (seqid - other > 0) {
                insertIdx = i + 1;
                break;
            }
        }
        byte[] data = new byte[len - FecHeader.SIZE];
        System.arraycopy(packet, off + FecHeader.SIZE, data, 0, data.length);
        rx.add(insertIdx, new Element(seqid, flag, data, now));

        int index = Integer.remainderUnsigned(seqid, shardSize);
        int shardBegin = seqid - index;
        int shardEnd = shardBegin + shardSize - 1;
        int searchBegin = Math.max(0, insertIdx - index);
        int searchEnd = Math.min(searchBegin + shardSize - 1, rx.size() - 1);

        List<byte[]> recovered = List.of();
        if (searchEnd - searchBegin + 1 >= dataShards) {
            byte[][] shards = new byte[shardSize][];
            boolean[] present = new boolean[shardSize];
            int numShard = 0;
            int numData = 0;
            int first = 0;
            int maxLen = 0;
            for (int i = searchBegin; i <= searchEnd; i++) {
                Element e = rx.get(i);
                if (e.seqid - shardEnd > 0) {
                    break;
                }
                if (e.seqid - shardBegin >= 0) {
                    int k = Integer.remainderUnsigned(e.seqid, shardSize);
                    shards[k] = e.data;
                    present[k] = true;
                    numShard++;
                    if (e.flag == FecHeader.TYPE_DATA) {
                        numData++;
                    }
                    if (numShard == 1) {
                        first = i;
                    }
                    maxLen = Math.max(maxLen, e.data.length);
                }
            }
            if (numData == dataShards) {
                rx.subList(first, first + numShard).clear();
            } else if (numShard >= dataShards) {
                for (int k = 0; k < shardSize; k++) {
                    if (shards[k] != null) {
                        if (shards[k].length < maxLen) {
                            shards[k] = java.util.Arrays.copyOf(shards[k], maxLen);
                        }
                    } else {
                        shards[k] = new byte[maxLen];
                    }
                }
                if (codec.reconstructData(shards, present, 0, maxLen)) {
                    recovered = new ArrayList<>();
                    for (int k = 0; k < dataShards; k++) {
                        if (!present[k]) {
                            recovered.add(shards[k]);
                        }
                    }
                }
                rx.subList(first, first + numShard).clear();
            }
        }
        if (rx.size() > rxLimit) {
            rx.remove(0);
        }
        int expired = 0;
        while (expired < rx.size() && now - rx.get(expired).ts > EXPIRE_MS) {
            expired++;
        }
        if (expired > 0) {
            rx.subList(0, expired).clear();
        }
        return recovered;
    }
}

package io.jfrp.kcp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FecTest {
    /** One emitted packet. */
    private record Packet(byte[] bytes) {
        int seqid() {
            return KcpSegment.getInt(bytes, 0);
        }

        int flag() {
            return KcpSegment.getShort(bytes, 4);
        }
    }

    private static List<Packet> encodeGroup(FecEncoder encoder, List<byte[]> payloads) {
        List<Packet> out = new ArrayList<>();
        for (byte[] payload : payloads) {
            byte[] packet = new byte[KcpConfig.MTU_LIMIT];
            System.arraycopy(payload, 0, packet, 8, payload.length);
            int len = 8 + payload.length;
            int parity = encoder.encode(packet, len);
            out.add(new Packet(java.util.Arrays.copyOf(packet, len)));
            for (int i = 0; i < parity; i++) {
                out.add(new Packet(java.util.Arrays.copyOf(encoder.parity(i), encoder.parityLength())));
            }
        }
        return out;
    }

    private static List<byte[]> payloads(Random random, int n) {
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] p = new byte[24 + random.nextInt(1300)];
            random.nextBytes(p);
            list.add(p);
        }
        return list;
    }

    @Test
    void headersAndSizes() {
        FecEncoder encoder = new FecEncoder(new ReedSolomon(10, 3), KcpConfig.MTU_LIMIT);
        List<byte[]> payloads = payloads(new Random(1), 20);
        List<Packet> packets = encodeGroup(encoder, payloads);
        assertThat(packets).hasSize(26);
        int maxFirstGroup = 0;
        for (int i = 0; i < 26; i++) {
            Packet p = packets.get(i);
            assertThat(p.seqid()).isEqualTo(i);
            boolean data = i % 13 < 10;
            assertThat(p.flag()).isEqualTo(data ? 0xf1 : 0xf2);
            if (data) {
                byte[] payload = payloads.get(i / 13 * 10 + i % 13);
                assertThat(KcpSegment.getShort(p.bytes(), 6)).as("size field").isEqualTo(payload.length + 2);
                if (i < 13) {
                    maxFirstGroup = Math.max(maxFirstGroup, p.bytes().length);
                }
            } else if (i < 13) {
                assertThat(p.bytes().length).as("parity as long as the longest data packet")
                        .isEqualTo(maxFirstGroup);
            }
        }
    }

    @Test
    void decoderRecoversLostDataShards() {
        Random random = new Random(2);
        ReedSolomon rs = new ReedSolomon(10, 3);
        FecEncoder encoder = new FecEncoder(rs, KcpConfig.MTU_LIMIT);
        FecDecoder decoder = new FecDecoder(rs);
        for (int group = 0; group < 50; group++) {
            List<byte[]> payloads = payloads(random, 10);
            List<Packet> packets = encodeGroup(encoder, payloads);
            // lose up to three random packets of the thirteen
            int lost = random.nextInt(4);
            java.util.Set<Integer> drop = new java.util.HashSet<>();
            while (drop.size() < lost) {
                drop.add(random.nextInt(13));
            }
            List<byte[]> recovered = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                if (!drop.contains(i)) {
                    byte[] b = packets.get(i).bytes();
                    recovered.addAll(decoder.decode(b, 0, b.length, 0));
                }
            }
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                if (drop.contains(i)) {
                    expected.add(payloads.get(i));
                }
            }
            assertThat(recovered).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                byte[] shard = recovered.get(i);
                int size = KcpSegment.getShort(shard, 0);
                assertThat(java.util.Arrays.copyOfRange(shard, 2, size)).isEqualTo(expected.get(i));
            }
        }
        assertThat(decoder.pending()).isLessThanOrEqualTo(FecDecoder.RX_MULTI * 13);
    }

    @Test
    void decoderIgnoresDuplicatesAndStaysBounded() {
        ReedSolomon rs = new ReedSolomon(10, 3);
        FecDecoder decoder = new FecDecoder(rs);
        byte[] packet = new byte[40];
        KcpSegment.putShort(packet, 4, FecHeader.TYPE_DATA);
        for (int i = 0; i < 1000; i++) {
            // every fourth group packet only: never a full group
            KcpSegment.putInt(packet, 0, i * 4);
            assertThat(decoder.decode(packet, 0, packet.length, i)).isEmpty();
            assertThat(decoder.decode(packet, 0, packet.length, i)).isEmpty();
        }
        assertThat(decoder.pending()).isEqualTo(FecDecoder.RX_MULTI * 13);
        // entries expire after 60 s
        KcpSegment.putInt(packet, 0, 5000);
        decoder.decode(packet, 0, packet.length, 1000 + FecDecoder.EXPIRE_MS + 1);
        assertThat(decoder.pending()).isEqualTo(1);
    }

    @Test
    void seqidWrapsAtAMultipleOfTheGroup() {
        FecEncoder encoder = new FecEncoder(new ReedSolomon(10, 3), KcpConfig.MTU_LIMIT);
        int paws = (int) (0xffffffffL / 13 * 13);
        encoder.startSeqidAt(paws - 13);
        List<Packet> packets = encodeGroup(encoder, payloads(new Random(3), 11));
        assertThat(Integer.toUnsignedLong(packets.get(12).seqid())).isEqualTo(Integer.toUnsignedLong(paws - 1));
        assertThat(packets.get(13).seqid()).isZero();
    }
}

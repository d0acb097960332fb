package io.jfrp.kcp;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReedSolomonTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Known answers printed by klauspost/reedsolomon 1.9.13 (Debian) for New(10, 3). */
    @Test
    void parityMatrixIsKlauspostsForTenPlusThree() {
        ReedSolomon rs = new ReedSolomon(10, 3);
        String[] rows = {"8196afb8d2c4fee80302", "9681b8afc4d2e8fe0203", "bfd6620a066fdfb70504"};
        for (int r = 0; r < 3; r++) {
            byte[] row = new byte[10];
            for (int c = 0; c < 10; c++) {
                row[c] = (byte) rs.coefficient(10 + r, c);
            }
            assertThat(HEX.formatHex(row)).as("parity row %d", r).isEqualTo(rows[r]);
        }
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                assertThat(rs.coefficient(r, c)).isEqualTo(r == c ? 1 : 0);
            }
        }
    }

    /** The same known answer as bytes: shard i byte j = i*31 + j*7 + 1. */
    @Test
    void parityBytesMatchKlauspost() {
        ReedSolomon rs = new ReedSolomon(10, 3);
        byte[][] shards = new byte[13][16];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 16; j++) {
                shards[i][j] = (byte) (i * 31 + j * 7 + 1);
            }
        }
        rs.encode(shards, 0, 16);
        assertThat(HEX.formatHex(shards[10])).isEqualTo("0b174524e32a0ebca0f27dca46110a3b");
        assertThat(HEX.formatHex(shards[11])).isEqualTo("8cb464cec271ef8e41bf1c5d678264e4");
        assertThat(HEX.formatHex(shards[12])).isEqualTo("8c3b832af68e57702286a6dd6026a588");
    }

    /** Every way of losing three of the thirteen shards is recoverable, at an offset. */
    @Test
    void recoversAnyThreeLostShards() {
        ReedSolomon rs = new ReedSolomon(10, 3);
        Random random = new Random(7);
        int off = 5;
        int len = 300;
        byte[][] original = new byte[13][off + len];
        for (int i = 0; i < 10; i++) {
            random.nextBytes(original[i]);
        }
        rs.encode(original, off, len);
        int combinations = 0;
        for (int a = 0; a < 13; a++) {
            for (int b = a + 1; b < 13; b++) {
                for (int c = b + 1; c < 13; c++) {
                    byte[][] shards = new byte[13][];
                    boolean[] present = new boolean[13];
                    for (int i = 0; i < 13; i++) {
                        present[i] = i != a && i != b && i != c;
                        shards[i] = present[i] ? original[i].clone() : new byte[off + len];
                    }
                    assertThat(rs.reconstructData(shards, present, off, len)).isTrue();
                    for (int i = 0; i < 10; i++) {
                        assertThat(java.util.Arrays.copyOfRange(shards[i], off, off + len))
                                .as("shard %d after losing %d,%d,%d", i, a, b, c)
                                .isEqualTo(java.util.Arrays.copyOfRange(original[i], off, off + len));
                    }
                    combinations++;
                }
            }
        }
        assertThat(combinations).isEqualTo(286);
    }

    @Test
    void fourLostShardsAreNotRecoverable() {
        ReedSolomon rs = new ReedSolomon(10, 3);
        byte[][] shards = new byte[13][8];
        boolean[] present = new boolean[13];
        for (int i = 4; i < 13; i++) {
            present[i] = true;
        }
        assertThat(rs.reconstructData(shards, present, 0, 8)).isFalse();
    }

    @Test
    void fieldArithmetic() {
        for (int a = 1; a < 256; a++) {
            for (int b = 1; b < 256; b++) {
                assertThat(GaloisField.divide(GaloisField.multiply(a, b), b)).isEqualTo(a);
            }
        }
        // x^8 reduces by 0x11d: 0x80 * 2 = 0x100 ^ 0x11d = 0x1d
        assertThat(GaloisField.multiply(0x80, 2)).isEqualTo(0x1d);
        assertThat(GaloisField.exp(2, 8)).isEqualTo(0x1d);
    }
}

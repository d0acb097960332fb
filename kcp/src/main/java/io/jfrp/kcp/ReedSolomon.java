package io.jfrp.kcp;

/**
 * A systematic Reed-Solomon erasure code over {@link GaloisField GF(2^8)} with the encoding matrix
 * klauspost/reedsolomon builds by default (so parity is byte-identical to kcp-go's):
 * a Vandermonde matrix V of (data + parity) rows by data columns with V[r][c] = r^c, multiplied by
 * the inverse of its top square, which turns the top into the identity (data shards pass
 * unchanged) and keeps every square subset of rows invertible. Parity shard p is row data + p of
 * that matrix applied to the data shards, byte by byte.
 *
 * <p>Shards are equal-length byte ranges {@code [off, off + len)} of arrays. Immutable after
 * construction, so one instance may be shared; {@link #reconstructData} allocates its own scratch.
 */
final class ReedSolomon {
    private final int dataShards;
    private final int parityShards;
    /** (data + parity) x data encoding matrix; rows [0, data) are the identity. */
    private final int[][] matrix;

    ReedSolomon(int dataShards, int parityShards) {
        if (dataShards <= 0 || parityShards <= 0 || dataShards + parityShards > 256) {
            throw new IllegalArgumentException("shards must be positive and at most 256 in all, got "
                    + dataShards + " data + " + parityShards + " parity");
        }
        this.dataShards = dataShards;
        this.parityShards = parityShards;
        int total = dataShards + parityShards;
        int[][] vandermonde = new int[total][dataShards];
        for (int r = 0; r < total; r++) {
            for (int c = 0; c < dataShards; c++) {
                vandermonde[r][c] = GaloisField.exp(r, c);
            }
        }
        int[][] top = new int[dataShards][];
        System.arraycopy(vandermonde, 0, top, 0, dataShards);
        this.matrix = multiply(vandermonde, invert(top));
    }

    int dataShards() {
        return dataShards;
    }

    int parityShards() {
        return parityShards;
    }

    /** Coefficient of data shard {@code c} in shard {@code row} (for tests). */
    int coefficient(int row, int c) {
        return matrix[row][c];
    }

    /**
     * Computes the parity shards {@code shards[data .. data+parity)} from the data shards
     * {@code shards[0 .. data)}, each over {@code [off, off + len)}.
     */
    void encode(byte[][] shards, int off, int len) {
        for (int p = 0; p < parityShards; p++) {
            byte[] out = shards[dataShards + p];
            java.util.Arrays.fill(out, off, off + len, (byte) 0);
            int[] row = matrix[dataShards + p];
            for (int c = 0; c < dataShards; c++) {
                mulAdd(row[c], shards[c], out, off, len);
            }
        }
    }

    /**
     * Rebuilds the missing data shards: {@code present[i]} says whether shard i (data then parity)
     * holds valid bytes at {@code [off, off + len)}; missing data shards are written there (their
     * arrays must exist). Missing parity shards are left alone.
     *
     * @return false if fewer than {@code data} shards are present (nothing is changed)
     */
    boolean reconstructData(byte[][] shards, boolean[] present, int off, int len) {
        int total = dataShards + parityShards;
        int[] valid = new int[dataShards];
        int found = 0;
        boolean missingData = false;
        for (int i = 0; i < total && found < dataShards; i++) {
            if (present[i]) {
                valid[found++] = i;
            } else if (i < dataShards) {
                missingData = true;
            }
        }
        if (found < dataShards) {
            return false;
        }
        if (!missingData) {
            return true;
        }
        int[][] sub = new int[dataShards][];
        for (int r = 0; r < dataShards; r++) {
            sub[r] = matrix[valid[r]].clone();
        }
        int[][] decode = invert(sub);
        for (int k = 0; k < dataShards; k++) {
            if (present[k]) {
                continue;
            }
            byte[] out = shards[k];
            java.util.Arrays.fill(out, off, off + len, (byte) 0);
            for (int c = 0; c < dataShards; c++) {
                mulAdd(decode[k][c], shards[valid[c]], out, off, len);
            }
        }
        return true;
    }

    private static void mulAdd(int coefficient, byte[] in, byte[] out, int off, int len) {
        if (coefficient == 0) {
            return;
        }
        if (coefficient == 1) {
            for (int i = off; i < off + len; i++) {
                out[i] ^= in[i];
            }
            return;
        }
        byte[] row = GaloisField.multiplyRow(coefficient);
        for (int i = off; i < off + len; i++) {
            out[i] ^= row[in[i] & 0xff];
        }
    }

    private static int[][] multiply(int[][] a, int[][] b) {
        int[][] result = new int[a.length][b[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < b[0].length; c++) {
                int v = 0;
                for (int i = 0; i < b.length; i++) {
                    v ^= GaloisField.multiply(a[r][i], b[i][c]);
                }
                result[r][c] = v;
            }
        }
        return result;
    }

    /** Gauss-Jordan inversion of a square matrix; the argument is not modified. */
    static int[][] invert(int[][] m) {
        int n = m.length;
        int[][] work = new int[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(m[r], 0, work[r], 0, n);
            work[r][n + r] = 1;
        }
        for (int r = 0; r < n; r++) {
            if (work[r][r] == 0) {
                for (int below = r + 1; below < n; below++) {
                    if (work[below][r] != 0) {
                        int[] t = work[r];
                        work[r] = work[below];
                        work[below] = t;
                        break;
                    }
                }
            }
            if (work[r][r] == 0) {
                throw new ArithmeticException("singular matrix");
            }
            if (work[r][r] != 1) {
                int scale = GaloisField.divide(1, work[r][r]);
                for (int c = 0; c < 2 * n; c++) {
                    work[r][c] = GaloisField.multiply(work[r][c], scale);
                }
            }
            for (int other = 0; other < n; other++) {
                if (other != r && work[other][r] != 0) {
                    int scale = work[other][r];
                    for (int c = 0; c < 2 * n; c++) {
                        work[other][c] ^= GaloisField.multiply(scale, work[r][c]);
                    }
                }
            }
        }
        int[][] inverse = new int[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(work[r], n, inverse[r], 0, n);
        }
        return inverse;
    }
}

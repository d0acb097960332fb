package io.jfrp.config.validate;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" for unknown keys: the closest known key by edit distance, comparing case-insensitively
 * and ignoring {@code _}, {@code -} and {@code .}, so that {@code bind_port} (an frp INI name) finds
 * {@code bindPort} and {@code transport.tls_force} finds {@code transport.tls.force}. A key whose last
 * segment matches a known key's last segment exactly is suggested even when the tables differ
 * ({@code tcpMux} at the top level finds {@code transport.tcpMux}).
 */
public final class Suggestions {
    private Suggestions() {
    }

    /** The best candidate, or null when nothing is close enough to be a likely typo. */
    public static String closest(String key, Collection<String> candidates) {
        String nk = normalise(key);
        String nLeaf = normalise(leaf(key));
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(nk, normalise(c));
            if (normalise(leaf(c)).equals(nLeaf)) {
                d = Math.min(d, 1);
            }
            if (d < bestScore) {
                bestScore = d;
                best = c;
            }
        }
        int threshold = Math.max(2, nk.length() / 4);
        return bestScore <= threshold ? best : null;
    }

    static String normalise(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '_' && ch != '-' && ch != '.') {
                sb.append(ch);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}

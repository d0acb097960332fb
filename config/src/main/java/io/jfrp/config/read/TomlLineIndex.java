package io.jfrp.config.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line each key of a TOML document is written on, so that errors can name it. Jackson's TOML
 * parser builds a tree without locations, so this reads the text again: table headers
 * ({@code [a.b]}), arrays of tables ({@code [[proxies]]}, numbered {@code proxies[0]}, {@code proxies[1]}
 * ...), and {@code key = value} lines with dotted and quoted keys. Multi-line strings and arrays are
 * skipped over; values inside inline tables and arrays take the line of their key. The document must
 * already have parsed, so this does not report syntax errors.
 *
 * <p>Paths are the segments joined with '.', with {@code [i]} after an array-of-tables element, the
 * form {@link TreeBuilder} uses.
 */
final class TomlLineIndex {
    private TomlLineIndex() {
    }

    static Map<String, Integer> index(String text) {
        Map<String, Integer> lines = new HashMap<>();
        Map<String, Integer> arrayCounts = new HashMap<>();
        String table = "";
        String[] rows = text.split("\r?\n", -1);
        String openString = null; // delimiter of a multi-line string still open
        int depth = 0; // open [ and { of a value that continues on later lines
        for (int n = 0; n < rows.length; n++) {
            int lineNo = n + 1;
            String row = rows[n];
            if (openString != null) {
                int close = row.indexOf(openString);
                if (close < 0) {
                    continue;
                }
                Scan s = scanValue(row.substring(close + 3), depth);
                openString = s.openString;
                depth = s.depth;
                continue;
            }
            if (depth > 0) {
                Scan s = scanValue(row, depth);
                openString = s.openString;
                depth = s.depth;
                continue;
            }
            String t = row.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[[")) {
                int end = t.indexOf("]]");
                List<String> segs = end < 0 ? null : keySegments(t.substring(2, end));
                if (segs == null) {
                    continue;
                }
                String path = resolve(segs, arrayCounts, segs.size() - 1);
                int idx = arrayCounts.merge(path, 1, Integer::sum) - 1;
                lines.putIfAbsent(path, lineNo);
                table = path + "[" + idx + "]";
                lines.put(table, lineNo);
            } else if (t.startsWith("[")) {
                int end = t.indexOf(']');
                List<String> segs = end < 0 ? null : keySegments(t.substring(1, end));
                if (segs == null) {
                    continue;
                }
                table = resolve(segs, arrayCounts, segs.size());
                lines.putIfAbsent(table, lineNo);
            } else {
                int eq = keyEnd(t);
                if (eq < 0) {
                    continue;
                }
                List<String> segs = keySegments(t.substring(0, eq));
                if (segs == null) {
                    continue;
                }
                String path = table;
                for (String seg : segs) {
                    path = path.isEmpty() ? seg : path + "." + seg;
                    lines.putIfAbsent(path, lineNo);
                }
                Scan s = scanValue(t.substring(eq + 1), 0);
                openString = s.openString;
                depth = s.depth;
            }
        }
        return lines;
    }

    /** Joins the first {@code count} segments, stepping into the current element of any array of tables. */
    private static String resolve(List<String> segs, Map<String, Integer> arrayCounts, int count) {
        String path = "";
        for (int i = 0; i < segs.size(); i++) {
            path = path.isEmpty() ? segs.get(i) : path + "." + segs.get(i);
            if (i < count) {
                Integer c = arrayCounts.get(path);
                if (c != null) {
                    path = path + "[" + (c - 1) + "]";
                }
            }
        }
        return path;
    }

    /** Index of the '=' that ends the key, skipping quoted parts; -1 if none. */
    private static int keyEnd(String t) {
        char quote = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                return i;
            }
        }
        return -1;
    }

    /** Splits a dotted key into segments, unquoting quoted ones; null if it is not a key. */
    static List<String> keySegments(String key) {
        List<String> segs = new ArrayList<>();
        int i = 0;
        String k = key.strip();
        while (i < k.length()) {
            char c = k.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < k.length() && k.charAt(j) != c) {
                    if (c == '"' && k.charAt(j) == '\\' && j + 1 < k.length()) {
                        j++;
                    }
                    sb.append(k.charAt(j));
                    j++;
                }
                if (j >= k.length()) {
                    return null;
                }
                segs.add(sb.toString());
                i = j + 1;
                i = skipDot(k, i);
            } else {
                int j = i;
                while (j < k.length() && (Character.isLetterOrDigit(k.charAt(j)) || k.charAt(j) == '_' || k.charAt(j) == '-')) {
                    j++;
                }
                if (j == i) {
                    return null;
                }
                segs.add(k.substring(i, j));
                i = skipDot(k, j);
            }
        }
        return segs.isEmpty() ? null : segs;
    }

    private static int skipDot(String k, int i) {
        while (i < k.length() && (k.charAt(i) == ' ' || k.charAt(i) == '\t')) {
            i++;
        }
        if (i < k.length() && k.charAt(i) == '.') {
            i++;
        }
        return i;
    }

    private record Scan(String openString, int depth) {
    }

    /** Follows strings, brackets and comments through a value to see whether it continues past the line. */
    private static Scan scanValue(String v, int depth) {
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == '#') {
                break;
            }
            if (v.startsWith("\"\"\"", i) || v.startsWith("'''", i)) {
                String delim = v.substring(i, i + 3);
                int close = v.indexOf(delim, i + 3);
                if (close < 0) {
                    return new Scan(delim, depth);
                }
                i = close + 3;
                continue;
            }
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < v.length() && v.charAt(j) != c) {
                    if (c == '"' && v.charAt(j) == '\\') {
                        j++;
                    }
                    j++;
                }
                i = j + 1;
                continue;
            }
            if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && depth > 0) {
                depth--;
            }
            i++;
        }
        return new Scan(null, depth);
    }
}

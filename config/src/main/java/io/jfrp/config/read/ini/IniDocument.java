package io.jfrp.config.read.ini;

import io.jfrp.config.ConfigProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The syntax of an INI file as frp's go-ini settings read it: {@code #} and {@code ;} comment lines,
 * no inline comments, {@code =} or {@code :} between key and value, a key alone means {@code true},
 * one pair of surrounding quotes removed, a repeated section adding to the first. Knows nothing of
 * frp's keys.
 */
final class IniDocument {
    private IniDocument() {
    }

    /** One {@code key = value} with its line. */
    record Entry(String value, int line) {
    }

    /** One {@code [name]} section and its entries in file order. */
    static final class Section {
        final String name;
        final int line;
        final Map<String, Entry> entries = new LinkedHashMap<>();

        Section(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    /** Whether the text is frp's legacy format: it has a {@code [common]} section (frp's own test). */
    static boolean looksLikeIni(String text) {
        for (String row : text.split("\r?\n")) {
            if (row.strip().equals("[common]")) {
                return true;
            }
        }
        return false;
    }

    /** The sections in file order; syntax errors and stray keys go to {@code problems}. */
    static Map<String, Section> parse(String text, String file, List<ConfigProblem> problems) {
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        String[] rows = text.split("\r?\n", -1);
        for (int n = 0; n < rows.length; n++) {
            String t = rows[n].strip();
            int line = n + 1;
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (t.startsWith("[")) {
                int end = t.lastIndexOf(']');
                if (end < 0) {
                    problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, file, line, "",
                            "'" + t + "' is not a section header"));
                    continue;
                }
                String name = t.substring(1, end).strip();
                current = sections.computeIfAbsent(name, k -> new Section(k, line));
                continue;
            }
            int eq = t.indexOf('=');
            int colon = t.indexOf(':');
            int delim = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            String key = delim < 0 ? t : t.substring(0, delim).strip();
            String value = delim < 0 ? "true" : unquote(t.substring(delim + 1).strip());
            if (current == null) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.WARNING, file, line, key,
                        "'" + key + "' is outside any section and is ignored (frp ignores it too)"));
                continue;
            }
            current.entries.put(key, new Entry(value, line));
        }
        return sections;
    }

    private static String unquote(String v) {
        if (v.length() >= 2) {
            char first = v.charAt(0);
            char last = v.charAt(v.length() - 1);
            if (first == last && (first == '"' || first == '\'' || first == '`')) {
                return v.substring(1, v.length() - 1);
            }
        }
        return v;
    }
}

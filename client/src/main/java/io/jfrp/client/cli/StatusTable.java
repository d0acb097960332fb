package io.jfrp.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@code jfrpc status} prints, as frpc does: {@code Proxy Status...}, then for each type that has
 * proxies, in frp's order, the type in capitals and a table with the columns Name, Status, LocalAddr,
 * Plugin, RemoteAddr, Error (each column as wide as its widest cell, two spaces after every cell).
 */
final class StatusTable {
    /** frpc's order of the tables. */
    static final List<String> TYPES = List.of("tcp", "udp", "tcpmux", "http", "https", "stcp", "sudp", "xtcp");
    private static final List<String> HEADERS = List.of("Name", "Status", "LocalAddr", "Plugin", "RemoteAddr", "Error");
    private static final List<String> FIELDS = List.of("name", "status", "local_addr", "plugin", "remote_addr", "err");

    private StatusTable() {
    }

    static void print(Map<String, List<Map<String, String>>> byType, PrintWriter out) {
        out.print("Proxy Status...\n\n");
        for (String type : TYPES) {
            List<Map<String, String>> rows = byType.get(type);
            if (rows == null || rows.isEmpty()) {
                continue;
            }
            out.println(type.toUpperCase(java.util.Locale.ROOT));
            int[] widths = new int[HEADERS.size()];
            for (int c = 0; c < widths.length; c++) {
                widths[c] = HEADERS.get(c).length();
                for (Map<String, String> row : rows) {
                    widths[c] = Math.max(widths[c], cell(row, c).length());
                }
            }
            line(out, widths, HEADERS);
            for (Map<String, String> row : rows) {
                line(out, widths, FIELDS.stream().map(f -> row.getOrDefault(f, "")).toList());
            }
            out.println();
        }
    }

    private static String cell(Map<String, String> row, int column) {
        String v = row.get(FIELDS.get(column));
        return v == null ? "" : v;
    }

    private static void line(PrintWriter out, int[] widths, List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String v = cells.get(c) == null ? "" : cells.get(c);
            b.append(v).append(" ".repeat(widths[c] - v.length() + 2));
        }
        out.println(b);
    }
}

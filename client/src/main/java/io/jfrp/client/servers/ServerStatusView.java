package io.jfrp.client.servers;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each server connection's state as the admin API and {@code jfrpc status} show it. The JSON is an
 * extension of frp's {@code /api/status}: one more top-level field, {@value #FIELD}, beside the
 * proxy types, so stock tools that read the proxies still parse the body (they skip a key that is not
 * a proxy type); its entries use frp's snake_case.
 */
public final class ServerStatusView {
    /** The top-level field of {@code /api/status} this view fills. */
    public static final String FIELD = "servers";
    private static final List<String> HEADERS = List.of("Server", "Status", "RunID", "Since", "Error");

    private ServerStatusView() {
    }

    /** One JSON object per server, in list order: addr, status, run_id, since (RFC 3339), err, logins, failures. */
    public static List<Map<String, Object>> json(List<ServerLinkStatus> statuses) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServerLinkStatus s : statuses) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("addr", s.server().toString());
            e.put("status", s.state().text());
            e.put("run_id", s.runId());
            e.put("since", DateTimeFormatter.ISO_INSTANT.format(s.since()));
            e.put("err", s.lastError());
            e.put("logins", s.logins());
            e.put("failures", s.failures());
            out.add(e);
        }
        return out;
    }

    /**
     * The table {@code jfrpc status} prints after frpc's proxy tables, in their style: a title line,
     * then each column as wide as its widest cell, two spaces after every cell. Rows are the JSON
     * objects of {@link #json} (as read back from the admin API).
     */
    public static void printTable(List<? extends Map<String, ?>> servers, PrintWriter out) {
        out.print("Server Status...\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, ?> s : servers) {
            rows.add(List.of(text(s.get("addr")), text(s.get("status")), text(s.get("run_id")), text(s.get("since")),
                    text(s.get("err"))));
        }
        int[] widths = new int[HEADERS.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = HEADERS.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        line(out, widths, HEADERS);
        rows.forEach(r -> line(out, widths, r));
        out.println();
        out.flush();
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }

    private static void line(PrintWriter out, int[] widths, List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            b.append(cells.get(c)).append(" ".repeat(widths[c] - cells.get(c).length() + 2));
        }
        out.println(b.toString().stripTrailing());
    }
}

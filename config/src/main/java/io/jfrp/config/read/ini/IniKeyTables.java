package io.jfrp.config.read.ini;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * frp's own mapping of legacy INI keys to v1 keys ({@code pkg/config/legacy/conversion.go}): one table
 * per section kind, each INI name to its v1 path and the kind of value it holds. The rows are data,
 * in one declarative file beside this class ({@value #RESOURCE}: table, INI name, kind, v1 path),
 * read once when the class loads; a malformed row fails that load naming its line.
 */
final class IniKeyTables {
    static final String RESOURCE = "legacy-ini-keys.txt";

    private IniKeyTables() {
    }

    enum Kind { STRING, INT, BOOL, LIST }

    record Target(String path, Kind kind) {
    }

    /** Handled by code rather than by the tables (scopes, dashboard TLS, role). */
    static final Target SPECIAL = new Target("", Kind.STRING);
    /** Read by frp but without effect in v1 (log_way): accepted silently. */
    static final Target DROP = new Target("", Kind.STRING);

    /** Every table of the file by its name, rows in file order. */
    private static final Map<String, Map<String, Target>> TABLES = load();

    /** frps's {@code [common]}: the keys both programs share, then the server's own. */
    static final Map<String, Target> SERVER_COMMON = merge("shared", "auth-server", "server");
    /** frps's {@code [plugin.NAME]} sections. */
    static final Map<String, Target> HTTP_PLUGIN = merge("http-plugin");
    /** frpc's {@code [common]}: the keys both programs share, then the client's own. */
    static final Map<String, Target> CLIENT_COMMON = merge("shared", "auth-client", "client");
    static final Map<String, Target> PROXY = merge("proxy");
    /** A proxy's {@code plugin_*} keys, to the plugin's v1 parameter names. */
    static final Map<String, Target> PLUGIN_PARAMS = merge("plugin-params");
    static final Map<String, Target> VISITOR = merge("visitor");

    private static Map<String, Target> merge(String... tables) {
        Map<String, Target> m = new LinkedHashMap<>();
        for (String t : tables) {
            m.putAll(TABLES.getOrDefault(t, Map.of()));
        }
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Map<String, Target>> load() {
        try (InputStream in = IniKeyTables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Map<String, Target>> tables = new LinkedHashMap<>();
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                String row = line.strip();
                if (!row.isEmpty() && !row.startsWith("#")) {
                    String[] cols = row.split("\\s+");
                    tables.computeIfAbsent(cols[0], t -> new LinkedHashMap<>()).put(cols[1], target(cols, lineNo));
                }
            }
            return tables;
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
    }

    private static Target target(String[] cols, int lineNo) {
        String kind = cols.length > 2 ? cols[2] : "";
        if (cols.length == 3 && kind.equals("special")) {
            return SPECIAL;
        }
        if (cols.length == 3 && kind.equals("drop")) {
            return DROP;
        }
        if (cols.length == 4) {
            try {
                return new Target(cols[3], Kind.valueOf(kind.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                // falls through to the error naming the line
            }
        }
        throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected 'table iniKey kind v1Path' with kind "
                + "string, int, bool or list, or 'table iniKey special|drop'");
    }
}

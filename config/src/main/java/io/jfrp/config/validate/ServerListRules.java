package io.jfrp.config.validate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import io.jfrp.config.model.ServerAddress;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks frpc's {@code jfrp.servers} (several servers at once): every entry is {@code host:port}, no
 * server is listed twice (it would get every proxy twice, and the second registration would be
 * refused), and the list is not given together with serverAddr or serverPort, which it replaces.
 */
final class ServerListRules {
    static final String KEY = "jfrp.servers";

    private ServerListRules() {
    }

    static void check(Config user, Problems run) {
        if (!user.hasPath(KEY)) {
            return;
        }
        ConfigValue list = user.getValue(KEY);
        List<? extends ConfigValue> entries = user.getList(KEY);
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (ConfigValue e : entries) {
            String at = KEY + "[" + i++ + "]";
            try {
                ServerAddress s = ServerAddress.parse(String.valueOf(e.unwrapped()), "");
                if (!seen.add(s.toString())) {
                    run.error(e.origin(), at, "'" + at + "': " + s + " is listed twice");
                }
            } catch (IllegalArgumentException ex) {
                run.error(e.origin(), at, "'" + at + "': " + ex.getMessage());
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        for (String replaced : List.of("serverAddr", "serverPort")) {
            if (user.hasPath(replaced)) {
                run.error(list.origin(), KEY, "'" + KEY + "' replaces '" + replaced
                        + "': set one of them (the list's first server may be the same host)");
            }
        }
    }
}

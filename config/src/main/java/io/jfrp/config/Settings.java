package io.jfrp.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Readers shared by {@link ServerSettings} and {@link ClientSettings}. */
final class Settings {
    private Settings() {
    }

    static Optional<Path> path(Config c, String key) {
        if (!c.hasPath(key)) {
            return Optional.empty();
        }
        String s = c.getString(key);
        return s.isEmpty() ? Optional.empty() : Optional.of(Path.of(s));
    }

    static String string(Config c, String key, String fallback) {
        return c.hasPath(key) ? c.getString(key) : fallback;
    }

    static Set<AuthScope> scopes(Config c, String key) {
        Set<AuthScope> out = EnumSet.noneOf(AuthScope.class);
        if (c.hasPath(key)) {
            for (String s : c.getStringList(key)) {
                out.add(AuthScope.ofFrpName(s));
            }
        }
        return out;
    }

    static Config subtree(Config c, String key) {
        return c.hasPath(key) ? c.getConfig(key) : ConfigFactory.empty();
    }
}

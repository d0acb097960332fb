package io.jfrp.config.validate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import io.jfrp.config.ConfigProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * frp's rules for {@code auth.tokenSource} (its validation/auth.go and ValueSource.Validate), with
 * frp's messages: not together with {@code auth.token}; a {@code file} source needs a path; an
 * {@code exec} source needs a command, environment names without '=', and frp's unsafe feature
 * {@code TokenSourceExec} allowed on the command line ({@code --allow-unsafe TokenSourceExec}), since
 * it runs a program named in the file. Stateless.
 */
public final class TokenSourceRules {
    /** frp's name of the unsafe feature an exec source needs. */
    public static final String TOKEN_SOURCE_EXEC = "TokenSourceExec";
    /** The unsafe features frps and frpc know (frp's security.ServerUnsafeFeatures / ClientUnsafeFeatures). */
    public static final Set<String> UNSAFE_FEATURES = Set.of(TOKEN_SOURCE_EXEC);

    private TokenSourceRules() {
    }

    /** The problems of {@code user}'s (normalised) auth.tokenSource, given the unsafe features allowed. */
    public static List<ConfigProblem> check(Config user, Set<String> allowUnsafe, String file) {
        List<ConfigProblem> out = new ArrayList<>();
        String p = "auth.tokenSource";
        if (!user.hasPath(p)) {
            return out;
        }
        ConfigOrigin at = user.getValue(p).origin();
        if (user.hasPath("auth.token") && !user.getString("auth.token").isEmpty()) {
            out.add(ConfigProblem.error(at, file, p, "cannot specify both auth.token and auth.tokenSource"));
        }
        String type = user.hasPath(p + ".type") ? user.getString(p + ".type") : "";
        switch (type) {
            case "file" -> {
                if (!user.hasPath(p + ".file.path") || user.getString(p + ".file.path").isEmpty()) {
                    out.add(ConfigProblem.error(at, file, p, "invalid auth.tokenSource: "
                            + (user.hasPath(p + ".file") ? "file path cannot be empty"
                            : "file configuration is required when type is 'file'")));
                }
            }
            case "exec" -> {
                if (!allowUnsafe.contains(TOKEN_SOURCE_EXEC)) {
                    out.add(ConfigProblem.error(at, file, p, "unsafe feature \"" + TOKEN_SOURCE_EXEC + "\" is not"
                            + " enabled. To enable it, ensure it is allowed in the configuration or command line flags"
                            + " (--allow-unsafe " + TOKEN_SOURCE_EXEC + ")"));
                }
                if (!user.hasPath(p + ".exec.command") || user.getString(p + ".exec.command").isEmpty()) {
                    out.add(ConfigProblem.error(at, file, p, "invalid auth.tokenSource: "
                            + (user.hasPath(p + ".exec") ? "exec command cannot be empty"
                            : "exec configuration is required when type is 'exec'")));
                }
                if (user.hasPath(p + ".exec.env")) {
                    for (Config e : user.getConfigList(p + ".exec.env")) {
                        String name = e.hasPath("name") ? e.getString("name") : "";
                        if (name.isEmpty() || name.contains("=")) {
                            out.add(ConfigProblem.error(e.root().origin(), file, p + ".exec.env",
                                    "invalid auth.tokenSource: exec env name " + (name.isEmpty() ? "cannot be empty"
                                            : "cannot contain '='")));
                        }
                    }
                }
            }
            default -> out.add(ConfigProblem.error(at, file, p, "invalid auth.tokenSource: unsupported value source"
                    + " type: " + type + " (only 'file' and 'exec' are supported)"));
        }
        return out;
    }
}

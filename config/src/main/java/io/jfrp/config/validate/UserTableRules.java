package io.jfrp.config.validate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.jfrp.config.model.ServerUser;

import javax.security.auth.x500.X500Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of jfrps' table of users ({@code jfrp.users}) beyond the types of its keys: a valid,
 * unique name; a token or a certificate subject (or both); a subject that parses as a distinguished
 * name, and only when client certificates are required (transport.tls.trustedCaFile).
 */
final class UserTableRules {
    private UserTableRules() {
    }

    static void check(Config user, Problems run) {
        if (!user.hasPath("jfrp.users")) {
            return;
        }
        List<? extends ConfigObject> users = user.getObjectList("jfrp.users");
        boolean clientCertificates = user.hasPath("transport.tls.trustedCaFile");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            ConfigObject u = users.get(i);
            String at = "jfrp.users[" + i + "]";
            ConfigValue name = u.get("name");
            String n = name == null ? "" : String.valueOf(name.unwrapped());
            if (name == null) {
                run.error(u.origin(), at, "'" + at + "': a user needs a 'name'");
            } else if (!ServerUser.NAME.matcher(n).matches()) {
                run.error(name.origin(), at + ".name", "'" + at + ".name' = '" + n
                        + "': 1 to 64 letters, digits, '_' or '-' (it prefixes proxy names, so no dot)");
            } else if (!names.add(n)) {
                run.error(name.origin(), at + ".name", "'" + at + ".name': user '" + n + "' is listed twice");
            }
            String token = text(u, "token");
            String subject = text(u, "certSubject");
            if (token.isEmpty() && subject.isEmpty()) {
                run.error(u.origin(), at, "'" + at + "': user '" + n + "' needs a 'token' or a 'certSubject'");
            }
            if (!subject.isEmpty()) {
                ConfigValue v = u.get("certSubject");
                try {
                    new X500Principal(subject);
                    if (!clientCertificates) {
                        run.error(v.origin(), at + ".certSubject", "'" + at + ".certSubject' needs client certificates:"
                                + " set transport.tls.trustedCaFile");
                    }
                } catch (IllegalArgumentException e) {
                    run.error(v.origin(), at + ".certSubject", "'" + at + ".certSubject' = '" + subject
                            + "' is not a distinguished name such as CN=alice,O=example: " + e.getMessage());
                }
            }
        }
    }

    private static String text(ConfigObject u, String key) {
        ConfigValue v = u.get(key);
        return v == null ? "" : String.valueOf(v.unwrapped()).trim();
    }
}

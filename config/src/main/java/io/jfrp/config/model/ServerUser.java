package io.jfrp.config.model;

import io.jfrp.config.model.proxy.ProxyType;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of jfrps' table of users ({@code jfrp.users}): a client that logs in with
 * {@code user = name} must prove it with this user's token (and, when set, a client certificate with
 * this subject), and may publish only what is listed here. Beyond frp, which has one token for all;
 * a stock frpc needs no change (its {@code user} and {@code auth.token}).
 *
 * @param name        the Login's {@code user}; proxy names on the wire are {@code name.proxy}
 * @param token       this user's token: the Login's key, the control-stream and work-connection
 *                    encryption; may be empty when {@code certSubject} identifies the user
 * @param certSubject the subject distinguished name the client certificate must carry (RFC 2253,
 *                    e.g. {@code CN=alice}), or empty for none; needs transport.tls.trustedCaFile
 * @param allowPorts  remote ports this user's proxies may take, within the server's allowPorts;
 *                    {@link PortRanges#UNRESTRICTED} = the server's allowPorts alone
 * @param domains     domains this user's http/https/tcpmux proxies may serve: an exact name, or
 *                    {@code *.example.org} for every name under it; a subdomain counts as
 *                    {@code subdomain.subDomainHost}; empty = no domain at all
 * @param proxyTypes  proxy types this user may create; empty = every type the server runs
 */
public record ServerUser(String name, String token, String certSubject, PortRanges allowPorts, List<String> domains,
                         Set<ProxyType> proxyTypes) {
    /** What a user name may look like: it prefixes proxy names, so no dot. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ServerUser {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("jfrp.users: user name '" + name
                    + "' must be 1 to 64 letters, digits, '_' or '-'");
        }
        token = Fields.text(token);
        certSubject = Fields.text(certSubject);
        if (token.isEmpty() && certSubject.isEmpty()) {
            throw new IllegalArgumentException("jfrp.users: user '" + name + "' needs a token or a certSubject");
        }
        allowPorts = allowPorts == null ? PortRanges.UNRESTRICTED : allowPorts;
        domains = Fields.list(domains).stream().map(d -> d.trim().toLowerCase(Locale.ROOT)).toList();
        proxyTypes = proxyTypes == null ? Set.of() : Set.copyOf(proxyTypes);
    }

    /** A user known by token alone, with no restriction beyond the server's (tests). */
    public static ServerUser withToken(String name, String token) {
        return new ServerUser(name, token, "", PortRanges.UNRESTRICTED, List.of(), Set.of());
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "ServerUser[" + name + ", token " + (token.isEmpty() ? "unset" : "set")
                + (certSubject.isEmpty() ? "" : ", certSubject " + certSubject) + ", allowPorts " + allowPorts
                + ", domains " + domains + ", proxyTypes " + proxyTypes + "]";
    }
}

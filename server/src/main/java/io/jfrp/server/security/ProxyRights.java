package io.jfrp.server.security;

import io.jfrp.config.model.ServerUser;
import io.jfrp.config.model.proxy.ProxyType;
import io.jfrp.protocol.msg.NewProxy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a logged-in client may publish, checked on each NewProxy before the proxy is made:
 * <ul>
 *   <li>every client: fields within {@link MessageBounds}, at most jfrp.security.maxProxiesPerClient
 *   proxies;</li>
 *   <li>a user of jfrp.users: proxy names under its own prefix ({@code alice.}, which frpc adds), its
 *   proxy types, its ports (a remotePort of 0 is placed among them by {@link UserPorts}), its domains
 *   (custom domains and {@code subdomain.subDomainHost}); its load-balancing groups are its own
 *   (the group is renamed {@code alice.group}, so no other user's proxy can join it);</li>
 *   <li>a client of the shared token: no proxy name or group under a table user's prefix.</li>
 * </ul>
 * Together with per-client proxy maps and run ids that only the same principal can take over, a user
 * can never see, close or take over another user's proxies. Immutable and thread-safe.
 */
public final class ProxyRights {
    private final Credentials credentials;
    private final String subDomainHost;
    private final int maxProxies;

    /** The request to create (perhaps rewritten), or why it is refused. */
    public record Decision(NewProxy request, String error) {
        static Decision refuse(String error) {
            return new Decision(null, error);
        }
    }

    ProxyRights(Credentials credentials, String subDomainHost, int maxProxies) {
        this.credentials = credentials;
        this.subDomainHost = subDomainHost;
        this.maxProxies = maxProxies;
    }

    /**
     * Checks {@code req} from {@code client}, which holds {@code proxiesHeld} proxies now.
     */
    public Decision admit(AuthenticatedClient client, NewProxy req, int proxiesHeld) {
        String bad = MessageBounds.check(req);
        if (bad != null) {
            return Decision.refuse(bad);
        }
        if (maxProxies > 0 && proxiesHeld >= maxProxies) {
            return Decision.refuse("client has " + proxiesHeld + " proxies, the most jfrp.security.maxProxiesPerClient allows");
        }
        ServerUser user = client.tableUser();
        if (user == null) {
            Optional<String> owner = tableUserOwning(req.proxyName());
            if (owner.isEmpty() && !req.group().isEmpty()) {
                owner = tableUserOwning(req.group());
            }
            return owner.map(o -> Decision.refuse("names starting with '" + o + ".' belong to user " + o))
                    .orElse(new Decision(req, null));
        }
        String error = userError(user, req);
        if (error != null) {
            return Decision.refuse(error);
        }
        return new Decision(req.group().isEmpty() ? req : req.toBuilder().group(user.name() + "." + req.group()).build(),
                null);
    }

    private String userError(ServerUser user, NewProxy req) {
        String u = user.name();
        if (!req.proxyName().startsWith(u + ".")) {
            return "proxy name '" + req.proxyName() + "' must start with '" + u + ".' (user " + u + ")";
        }
        ProxyType type = ProxyType.fromFrpName(req.proxyType().isEmpty() ? "tcp" : req.proxyType()).orElse(null);
        if (type != null && !user.proxyTypes().isEmpty() && !user.proxyTypes().contains(type)) {
            return "user " + u + " may not create " + type.frpName() + " proxies";
        }
        if (req.remotePort() != 0 && !user.allowPorts().allows(req.remotePort())) {
            return "port " + req.remotePort() + " is not among the ports of user " + u + " (" + user.allowPorts() + ")";
        }
        for (String d : req.customDomains()) {
            if (!mayServe(user.domains(), d)) {
                return "user " + u + " may not serve the domain " + d;
            }
        }
        if (!req.subdomain().isEmpty() && !subDomainHost.isEmpty()
                && !mayServe(user.domains(), req.subdomain() + "." + subDomainHost)) {
            return "user " + u + " may not serve the domain " + req.subdomain() + "." + subDomainHost;
        }
        return null;
    }

    /** Whether {@code domain} (itself perhaps {@code *.x}) is one of {@code patterns} or under a {@code *.} one. */
    static boolean mayServe(List<String> patterns, String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        for (String p : patterns) {
            if (p.equals(d)) {
                return true;
            }
            if (p.startsWith("*.")) {
                String suffix = p.substring(1);
                if (d.endsWith(suffix) && d.length() > suffix.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<String> tableUserOwning(String name) {
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String prefix = name.substring(0, dot);
        return credentials.isTableUser(prefix) ? Optional.of(prefix) : Optional.empty();
    }
}

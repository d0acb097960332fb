package io.jfrp.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * jfrps' defences against hostile peers, jfrp's own keys ({@code jfrp.security} and
 * {@code jfrp.users}); docs/SECURITY.md explains each with its default. The withers
 * ({@code withPreAuth(...)}, ...) are generated from the record ({@link SecurityConfigBuilder}).
 *
 * @param preAuth             deadlines and counts before a client has authenticated
 * @param loginBackoff        refusing an address whose logins keep failing
 * @param workConnSameAddress without tcpMux, a work connection must come from the address its
 *                            client logged in from (with tcpMux it must come on that very session)
 * @param maxProxiesPerClient proxies one logged-in client may have at once; 0 = no limit
 * @param publicSide          limits of the shared vhost ports
 * @param users               the table of users, each with its own credential and rights; empty =
 *                            frp's one token for everybody
 * @param loginReplayGrace    with the shared token, a Login whose timestamp and key were accepted
 *                            before, once at least in the clear, is refused as a replay only once
 *                            this long has passed since (another client of the token can log in in
 *                            the same second with the same key); a table user's such duplicate is
 *                            always refused, and duplicates of Logins that only came under TLS never
 */
@RecordBuilder
public record SecurityConfig(PreAuthLimits preAuth, LoginBackoff loginBackoff, boolean workConnSameAddress,
                             int maxProxiesPerClient, PublicLimits publicSide, List<ServerUser> users,
                             Duration loginReplayGrace) implements SecurityConfigBuilder.With {
    /** The defaults of reference.conf, no users. */
    public static final SecurityConfig DEFAULTS = new SecurityConfig(PreAuthLimits.DEFAULTS, LoginBackoff.DEFAULTS,
            true, 1000, PublicLimits.DEFAULTS, List.of(), Duration.ofSeconds(2));

    public SecurityConfig {
        Objects.requireNonNull(preAuth, "preAuth");
        Objects.requireNonNull(loginBackoff, "loginBackoff");
        Objects.requireNonNull(loginReplayGrace, "jfrp.security.loginReplayGrace");
        if (loginReplayGrace.isNegative()) {
            throw new IllegalArgumentException("jfrp.security.loginReplayGrace must not be negative, got "
                    + loginReplayGrace);
        }
        PreAuthLimits.notNegative(maxProxiesPerClient, "jfrp.security.maxProxiesPerClient");
        Objects.requireNonNull(publicSide, "publicSide");
        users = Fields.list(users);
        Set<String> names = new HashSet<>();
        for (ServerUser u : users) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("jfrp.users: user '" + u.name() + "' is listed twice");
            }
        }
    }
}

package io.jfrp.server.monitor;

import java.util.Objects;

/**
 * A proxy that has just been registered.
 *
 * @param name     the wire name ({@code user.name} when the client sets a user)
 * @param type     frp's proxy type ({@code tcp}, {@code udp}, {@code http}, ...)
 * @param user     the owning client's user, "" when none
 * @param clientId the owning client's {@link ClientSession#effectiveClientId() effective id}
 * @param conf     the proxy's configuration as frps rebuilt it from NewProxy, serialisable by
 *                 Jackson into frpc's camelCase config keys (a {@code Map} or the config model's
 *                 object): the dashboard shows it as {@code conf} (API v1) and reads the
 *                 {@code spec} fields of API v2 from it; null when the server has none
 */
public record ProxyRegistration(String name, String type, String user, String clientId, Object conf) {
    public ProxyRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        user = Objects.requireNonNullElse(user, "");
        clientId = Objects.requireNonNullElse(clientId, "");
    }
}

package io.jfrp.client.servers;

import io.jfrp.config.model.ServerAddress;

import java.time.Instant;

/**
 * A snapshot of one connection of jfrpc to one server, for {@code jfrpc status}, the admin API and
 * logs.
 *
 * @param server    the server
 * @param state     where the connection stands
 * @param runId     the run id of the last login, empty before any
 * @param since     when the connection entered {@code state}
 * @param lastError why the last attempt failed or the connection was lost, empty if none yet
 * @param logins    successful logins so far (1 + the reconnects that succeeded)
 * @param failures  attempts that failed or connections that were lost so far
 */
public record ServerLinkStatus(ServerAddress server, LinkState state, String runId, Instant since, String lastError,
                               long logins, long failures) {
}

package io.jfrp.server.monitor;

import java.time.Instant;

/**
 * One proxy's statistics at one moment, what the dashboard API shows.
 *
 * @param name            wire name
 * @param type            proxy type
 * @param user            owner's user ("" when none)
 * @param clientId        owner's effective client id
 * @param todayTrafficIn  bytes from users today
 * @param todayTrafficOut bytes to users today
 * @param curConns        open user connections
 * @param lastStart       when it was last registered, null if never
 * @param lastClose       when it was last closed, null if never
 * @param online          registered now
 * @param conf            its configuration while online, null when offline
 */
public record ProxySnapshot(String name, String type, String user, String clientId, long todayTrafficIn,
                            long todayTrafficOut, long curConns, Instant lastStart, Instant lastClose, boolean online,
                            Object conf) {
}

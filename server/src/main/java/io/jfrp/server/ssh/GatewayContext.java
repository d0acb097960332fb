package io.jfrp.server.ssh;

import io.jfrp.protocol.auth.AuthScope;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every tunnel of the gateway shares.
 *
 * @param link        the way into jfrps
 * @param serverToken jfrps' auth.token, signed with when the client's key was checked
 * @param scopes      jfrps' auth.additionalScopes, which say what a client signs
 * @param keysChecked whether clients log in with a key from authorizedKeysFile
 * @param scheduler   for the gateway's deadlines
 */
record GatewayContext(InternalLink link, String serverToken, Set<AuthScope> scopes, boolean keysChecked,
                      ScheduledExecutorService scheduler) {
}

package io.jfrp.nathole.discovery;

import java.io.IOException;
import java.util.List;

/**
 * Where a side's own IP addresses come from: they become the assisted addresses (tried first by a
 * sender on the same LAN) and mark a public network when STUN sees one of them.
 */
@FunctionalInterface
public interface LocalIpSource {
    /** Up to {@code max} addresses as text, in a stable order. */
    List<String> localIps(int max) throws IOException;
}

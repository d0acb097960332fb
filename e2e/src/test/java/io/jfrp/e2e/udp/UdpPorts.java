package io.jfrp.e2e.udp;

import io.jfrp.testkit.FreePorts;

/** Free UDP ports on loopback, for programs that must be given a port number. */
final class UdpPorts {
    private UdpPorts() {
    }

    /** A UDP port free now, never handed out before by this JVM ({@link FreePorts}). */
    static int free() {
        return FreePorts.next();
    }

    /** A port free for both TCP and UDP now, never handed out before by this JVM. */
    static int freeForBoth() {
        return FreePorts.next();
    }
}

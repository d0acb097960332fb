package io.jfrp.server;

import io.jfrp.protocol.msg.NewProxy;

/** Bridges for tests of proxy kinds that never open a work connection (routing tables). */
public final class WorkConnBridgeAccess {
    private WorkConnBridgeAccess() {
    }

    /** A bridge with no client behind it: {@link WorkConnBridge#proxy()} works, opening does not. */
    public static WorkConnBridge detached(NewProxy req) {
        return new WorkConnBridge(null, req);
    }
}

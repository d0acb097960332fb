package io.jfrp.protocol.wire;

/** Which end of a v2 connection we are: decides which direction's key reads and which writes. */
public enum WireRole {
    /** frpc: writes client-to-server, reads server-to-client. */
    CLIENT,
    /** frps: writes server-to-client, reads client-to-server. */
    SERVER
}

package io.jfrp.config;

/** frp's {@code auth.additionalScopes}: messages besides Login that carry the auth key. */
public enum AuthScope {
    /** Ping messages carry privilege_key (frp: "HeartBeats"). */
    HEARTBEATS("HeartBeats"),
    /** NewWorkConn messages carry privilege_key (frp: "NewWorkConns"). */
    NEW_WORK_CONNS("NewWorkConns");

    private final String frpName;

    AuthScope(String frpName) {
        this.frpName = frpName;
    }

    /** The name frp's configuration uses. */
    public String frpName() {
        return frpName;
    }

    static AuthScope ofFrpName(String name) {
        for (AuthScope s : values()) {
            if (s.frpName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown auth scope " + name);
    }
}

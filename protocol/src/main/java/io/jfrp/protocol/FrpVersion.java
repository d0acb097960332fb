package io.jfrp.protocol;

/**
 * The frp release whose wire protocol jfrp speaks: the version jfrpc sends in Login and jfrps
 * answers in LoginResp. One constant for both programs, so they can never claim different levels.
 */
public final class FrpVersion {
    /** frp's version string, as stock frp puts it in Login.version and LoginResp.version. */
    public static final String SPOKEN = "0.61.1";

    private FrpVersion() {
    }
}

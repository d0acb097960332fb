package io.jfrp.protocol;

/**
 * The frp release whose wire protocol jfrp speaks: the version jfrpc sends in Login and jfrps
 * answers in LoginResp, the stock frp jfrp is tested against ({@code ../shared/peers/frp-0.70.0}).
 * One constant for both programs, so they can never claim different levels. Stock frps and frpc
 * only log and display the peer's version (frp 0.70's {@code server/service.go},
 * {@code client/control_session.go}); {@code StockFrpWireParityTest} compares it with
 * {@code frps --version}.
 */
public final class FrpVersion {
    /** frp's version string, as stock frp puts it in Login.version and LoginResp.version. */
    public static final String SPOKEN = "0.70.0";

    private FrpVersion() {
    }
}

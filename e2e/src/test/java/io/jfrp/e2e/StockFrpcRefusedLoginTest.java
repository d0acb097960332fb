package io.jfrp.e2e;

import io.jfrp.e2e.wirev2.StockFrp;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock frpc 0.70.0 with a wrong token against jfrps: it logs frp's own refusal text ("token in
 * login doesn't match token from configuration") within seconds, never a reset, whatever its
 * transport (TLS or not, tcpMux on or off) and though jfrps now lingers after the answer
 * (LingeringClose) instead of closing at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StockFrpcRefusedLoginTest extends E2eCase {
    private static final String TOKEN = "the-right-token";

    @ParameterizedTest(name = "tls={0} tcpMux={1}")
    @CsvSource({"true, true", "true, false", "false, true", "false, false"})
    void aWrongTokenIsLoggedWithFrpsOwnText(boolean tls, boolean tcpMux) throws Exception {
        StockFrp.home();
        int port = server(TOKEN, c -> c.withTcpMux(tcpMux)).address().getPort();
        String config = "serverAddr = \"127.0.0.1\"\nserverPort = " + port + "\n"
                + "auth.token = \"not-" + TOKEN + "\"\nloginFailExit = true\n"
                + "transport.tcpMux = " + tcpMux + "\ntransport.tls.enable = " + tls + "\n"
                + StockFrp.logConfig()
                + "[[proxies]]\nname = \"p\"\ntype = \"tcp\"\nlocalPort = 1\nremotePort = " + E2e.freePort() + "\n";
        try (StockFrp frpc = StockFrp.start("frpc", dir, config)) {
            frpc.awaitLog("token in login doesn't match token from configuration", 10);
            assertThat(frpc.log()).as("frpc's log").doesNotContainIgnoringCase("reset");
        }
    }
}

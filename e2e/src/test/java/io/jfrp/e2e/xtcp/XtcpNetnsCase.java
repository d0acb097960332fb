package io.jfrp.e2e.xtcp;

import io.jfrp.testkit.netns.NatTopology;
import io.jfrp.testkit.netns.NatTopology.Nat;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's life cycle for the xtcp tests in network namespaces: a test class opens one lab in its
 * {@code @BeforeAll} ({@link #openLab}) and this class closes it after the class's last test, with
 * every process started in it. One lab at a time, as {@link XtcpNetnsTools} works in one.
 */
abstract class XtcpNetnsCase {
    /** The token of the lab's servers and clients. */
    static final String TOKEN = "xtcp-e2e-token";
    /** The secret key of the lab's xtcp proxies and their visitors. */
    static final String SK = "xtcp-e2e-secret";
    /** The port of the echo service the tests run on site c, behind the xtcp proxies. */
    static final int ECHO_PORT = 9000;

    static NatTopology net;
    static Path dir;

    /** Site a behind a port-preserving NAT and site c behind a random-port one, in that order (add more). */
    static Map<String, Nat> sitesAandC() {
        Map<String, Nat> sites = new LinkedHashMap<>();
        sites.put("a", Nat.PORT_PRESERVING);
        sites.put("c", Nat.RANDOM_FULLY);
        return sites;
    }

    /**
     * Builds the lab of {@code sites} ({@link XtcpNetnsTools#buildLab}) with its files in
     * target/{@code dirName}, and makes it the helpers' lab with {@code serverLogName} as the server's log.
     */
    static void openLab(String dirName, Map<String, Nat> sites, String serverLogName) throws Exception {
        dir = Files.createDirectories(Path.of("target", dirName).toAbsolutePath());
        net = XtcpNetnsTools.buildLab(dir, sites);
        XtcpNetnsTools.use(net, dir, dir.resolve(serverLogName));
    }

    @AfterAll
    static void closeLab() throws IOException {
        if (net != null) {
            net.close();
            net = null;
        }
    }
}

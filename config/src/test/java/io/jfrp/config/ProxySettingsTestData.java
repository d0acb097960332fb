package io.jfrp.config;

import java.util.List;
import java.util.Map;

/** Expected {@link ProxySettings} values for the config tests. */
final class ProxySettingsTestData {
    private ProxySettingsTestData() {
    }

    /** An http proxy on 127.0.0.1 with only customDomains set. */
    static ProxySettings http(String name, int localPort, List<String> customDomains) {
        return new ProxySettings(name, "http", "127.0.0.1", localPort, 0, false, false, customDomains, "",
                List.of(), "", "", "", Map.of(), Map.of(), "", "", "", "");
    }
}

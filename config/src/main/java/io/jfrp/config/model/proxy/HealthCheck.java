package io.jfrp.config.model.proxy;

import io.jfrp.config.model.Fields;

import java.util.List;
import java.util.Objects;

/**
 * A proxy's {@code healthCheck} table (frp's {@code HealthCheckConfig}): jfrpc checks the local
 * service and takes the proxy off the server while it fails.
 *
 * @param type            {@code tcp}, {@code http}, or empty for no check
 * @param timeoutSeconds  how long one check may take (frp: 3)
 * @param maxFailed       failures in a row before the proxy is removed (frp: 1)
 * @param intervalSeconds time between checks (frp: 10)
 * @param path            http: the path requested
 * @param httpHeaders     http: headers sent with the request
 */
public record HealthCheck(String type, int timeoutSeconds, int maxFailed, int intervalSeconds, String path,
                          List<Header> httpHeaders) {
    /** No health check, with frp's defaults for the numbers. */
    public static final HealthCheck NONE = new HealthCheck("", 3, 1, 10, "", List.of());

    /** One {@code {name, value}} header of an http check. */
    public record Header(String name, String value) {
        /** The header's name and value. */
        public Header {
            Objects.requireNonNull(name, "name");
            value = Fields.text(value);
        }
    }

    /** Non-positive numbers mean frp's defaults (3, 1 and 10), as frp's health monitor reads them. */
    public HealthCheck {
        type = Fields.text(type);
        timeoutSeconds = timeoutSeconds <= 0 ? 3 : timeoutSeconds;
        maxFailed = maxFailed <= 0 ? 1 : maxFailed;
        intervalSeconds = intervalSeconds <= 0 ? 10 : intervalSeconds;
        path = Fields.text(path);
        httpHeaders = Fields.list(httpHeaders);
    }

    /** Whether a check runs: a type is set (jfrpc also needs a localPort, as frpc). */
    public boolean enabled() {
        return !type.isEmpty();
    }
}

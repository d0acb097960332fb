package io.jfrp.server.web;

import io.jfrp.config.model.WebServerSettings;

/**
 * jfrps' web server could not start: its port is taken, its address is not local, its TLS files
 * cannot be read. The message names the keys and the cause, for the command line to print.
 */
public final class WebServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebServerStartException(WebServerSettings settings, Throwable cause) {
        super("cannot start the web server on " + settings.addr() + ":" + settings.port()
                + " (webServer.addr, webServer.port" + (settings.certFile().isEmpty() ? "" : ", webServer.tls")
                + "): " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }
}

package io.jfrp.web;

/**
 * Answers one request. Runs on the web server's handler threads, never on a Netty event loop, so it
 * may block briefly (read a file, wait for a reload). An exception becomes a 500 with its message.
 */
@FunctionalInterface
public interface WebHandler {
    WebResponse handle(WebRequest request) throws Exception;
}

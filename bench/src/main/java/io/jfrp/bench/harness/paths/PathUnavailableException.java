package io.jfrp.bench.harness.paths;

/**
 * A path that cannot carry this run's traffic for a reason that is not a failure of the
 * measurement (a proxy type the server refuses, for example). Scenarios skip the path with a note
 * saying why instead of failing.
 */
public final class PathUnavailableException extends Exception {
    public PathUnavailableException(String message) {
        super(message);
    }
}

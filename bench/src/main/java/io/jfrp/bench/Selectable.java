package io.jfrp.bench;

/** What {@code --scenarios} and {@code --paths} choose from: a {@link Scenario} or a path's factory. */
public interface Selectable {
    /** Its name on the command line and in reports, e.g. "throughput" or "jfrp-mux-tls". */
    String name();

    /**
     * Whether it runs only when asked for. An opt-in scenario runs only when named in {@code --scenarios}
     * and then, without {@code --paths}, gets the opt-in paths too; an opt-in path (a transport variant
     * such as jfrp-quic) is measured only when named in {@code --paths} or by an opt-in scenario.
     */
    default boolean optIn() {
        return false;
    }
}

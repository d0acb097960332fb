package io.jfrp.bench.harness;

/** How thoroughly to measure: QUICK finishes in a few minutes (proves the harness works), FULL is for published figures. */
public enum Mode {
    QUICK,
    FULL
}

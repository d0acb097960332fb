package io.jfrp.bench.jmh;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark here shares (JMH reads them from the superclass; the command
 * line's -f, -wi and -i override them): one fork, three warm-up and five measured one-second iterations.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class ShortRun {
}

/**
 * JMH microbenchmarks of jfrp's hot paths: the yamux frame codec, the frp message codec and the
 * relay between a public connection and a work connection. Run them with {@code bin/jfrp-jmh}
 * (arguments go to {@code org.openjdk.jmh.Main}); JMH's annotation processor generates the
 * harness classes at compile time.
 */
package io.jfrp.bench.jmh;

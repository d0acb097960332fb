/**
 * The jfrps command line ({@link io.jfrp.server.cli.Jfrps}): run, {@code verify}, {@code certs},
 * {@code --version}. Uses config's {@code cli} package for what it shares with jfrpc.
 */
package io.jfrp.server.cli;

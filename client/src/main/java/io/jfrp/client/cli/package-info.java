/**
 * The jfrpc command line ({@link io.jfrp.client.cli.Jfrpc}): run, {@code verify}, {@code --version}.
 * Uses config's {@code cli} package for what it shares with jfrps.
 */
package io.jfrp.client.cli;

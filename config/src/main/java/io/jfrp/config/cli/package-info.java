/**
 * What the jfrps and jfrpc command lines share: loading {@code -c FILE} (including one program's
 * block of a two-program HOCON file), printing every problem, {@code verify}, {@code --version}, and
 * applying {@code log.level} to logback when the program runs with it.
 */
package io.jfrp.config.cli;

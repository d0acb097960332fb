/**
 * Reads a configuration file of any format into a resolved Typesafe Config whose origins name the
 * file and line ({@link io.jfrp.config.read.ConfigFileReader}): TOML through Jackson with
 * {@link io.jfrp.config.read.TomlLineIndex} for lines, legacy INI through {@code read.ini}, HOCON /
 * JSON / properties through Typesafe Config; {@code {{ .Envs.NAME }}} templates first.
 *
 * <p>May use: {@code schema} (value helpers), {@code validate.Suggestions}. Never {@code bind} or the
 * programs' model.
 */
package io.jfrp.config.read;

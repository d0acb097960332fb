/**
 * Checks a user's configuration against the schema and reports every problem at once, by job: keys
 * ({@code KeyWalker}), values ({@code ValueChecks}), proxies and visitors ({@code ProxyTables}),
 * jfrp's own keys ({@code JfrpKeys}), rules across keys ({@code CrossFieldRules}), suggestions
 * ({@link io.jfrp.config.validate.Suggestions}); {@link io.jfrp.config.validate.ConfigValidator} runs them.
 *
 * <p>May use: {@code schema}, {@code model} (type lists). Never {@code bind} or {@code read}.
 */
package io.jfrp.config.validate;

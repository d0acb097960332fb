package io.jfrp.config;

import io.jfrp.config.bind.ClientConfigReader;
import io.jfrp.config.bind.ServerConfigReader;
import com.typesafe.config.Config;
import io.jfrp.config.model.ClientConfig;
import io.jfrp.config.model.ServerConfig;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A configuration file that passed validation: the user's settings merged over the program's
 * defaults, and the warnings found on the way. Made by {@link ConfigLoader}. Immutable.
 *
 * @param file     the file as the user named it
 * @param format   its format
 * @param program  which program it was loaded for
 * @param user     the user's settings alone, normalised as frp reads them (case of key names fixed, zero
 *                 values that mean "the default" removed, keys jfrp ignores removed), with their origins
 * @param config   the user's settings over the defaults, resolved; key paths as in frps.toml / frpc.toml
 * @param warnings recognised frp keys jfrp ignores, ignored proxies, case-insensitive matches
 */
public record LoadedConfig(Path file, ConfigFormat format, Program program, Config user, Config config,
                           List<ConfigProblem> warnings) {
    public LoadedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(config, "config");
        warnings = List.copyOf(warnings);
    }

    /** Logs each warning at WARN level. */
    public void logWarnings(Logger log) {
        for (ConfigProblem w : warnings) {
            log.warn("{}: {}", w.location(), w.message());
        }
    }

    /**
     * What jfrps runs with.
     *
     * @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range
     */
    public ServerConfig serverConfig() {
        requireProgram(Program.SERVER);
        return ServerConfigReader.read(config, format == ConfigFormat.COMMAND_LINE ? null : file);
    }

    /**
     * What jfrpc runs with.
     *
     * @throws IllegalArgumentException when a {@code jfrp.mux} value is out of its range
     */
    public ClientConfig clientConfig() {
        requireProgram(Program.CLIENT);
        return ClientConfigReader.read(config);
    }

    /**
     * The same configuration told as coming from {@code file}, with {@code warnings} in place of
     * these: for a file the loader read through a temporary copy ({@code CliConfig}'s two-block files),
     * so that paths relative to the file and the warnings' locations are the user's.
     */
    public LoadedConfig relocated(Path file, List<ConfigProblem> warnings) {
        return new LoadedConfig(file, format, program, user, config, warnings);
    }

    private void requireProgram(Program p) {
        if (program != p) {
            throw new IllegalStateException(file + " was loaded as a " + program + " configuration, not " + p);
        }
    }

    @Override
    public String toString() {
        return "LoadedConfig(" + file + ", " + format + ", " + program + ", " + warnings.size() + " warnings)";
    }
}

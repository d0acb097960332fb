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
 * defaults, and the warnings found on the way. Immutable.
 */
public final class LoadedConfig {
    private final Path file;
    private final ConfigFormat format;
    private final Program program;
    private final Config user;
    private final Config config;
    private final List<ConfigProblem> warnings;

    LoadedConfig(Path file, ConfigFormat format, Program program, Config user, Config config,
                 List<ConfigProblem> warnings) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.program = Objects.requireNonNull(program, "program");
        this.user = Objects.requireNonNull(user, "user");
        this.config = Objects.requireNonNull(config, "config");
        this.warnings = List.copyOf(warnings);
    }

    public Path file() {
        return file;
    }

    public ConfigFormat format() {
        return format;
    }

    public Program program() {
        return program;
    }

    /**
     * The user's settings alone, normalised as frp reads them (case of key names fixed, zero values that
     * mean "the default" removed, keys jfrp ignores removed), with their origins.
     */
    public Config user() {
        return user;
    }

    /** The user's settings over the defaults, resolved; key paths as in frps.toml / frpc.toml. */
    public Config config() {
        return config;
    }

    /** Warnings: recognised frp keys jfrp ignores, ignored proxies, case-insensitive matches. */
    public List<ConfigProblem> warnings() {
        return warnings;
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
        return ServerConfigReader.read(config, file);
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

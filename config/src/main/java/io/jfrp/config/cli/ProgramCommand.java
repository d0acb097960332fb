package io.jfrp.config.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The main command of jfrps and of jfrpc, shaped like frps's and frpc's: {@code -c FILE} (default
 * {@link CliProgram#defaultConfig()}), {@code verify}, {@code --version}. Running it loads the file
 * ({@link CliProgram#prepareToRun}: every problem printed and exit 1, else the log level applied and
 * the warnings logged) and hands the configuration to {@link #run}, the program's own part. The
 * subclass carries picocli's {@code @Command} (name, description). One instance per command line.
 *
 * @param <C> the configuration the program runs with
 */
@Command(subcommands = VerifyCommand.class)
public abstract class ProgramCommand<C> implements Callable<Integer> {
    /** The subclass's logger (named after the program's class). */
    protected final Logger log = LoggerFactory.getLogger(getClass());
    /** Which program this is. */
    protected final CliProgram<C> program;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "configuration file: .toml (frp v1), .ini (frp legacy) or .conf/.json (HOCON); "
                    + "default ${DEFAULT-VALUE}")
    private Path config;

    @Option(names = "--allow-unsafe", split = ",", paramLabel = "FEATURE", scope = CommandLine.ScopeType.INHERIT,
            description = "allowed unsafe features, one or more of: TokenSourceExec")
    private List<String> allowUnsafe = new ArrayList<>();

    @Option(names = "--strict-config", arity = "0..1", fallbackValue = "true", defaultValue = "true",
            paramLabel = "BOOL", scope = CommandLine.ScopeType.INHERIT,
            description = "strict config parsing mode: keys that are not frp's are errors (default true)")
    private boolean strictConfig = true;

    @Spec
    private CommandSpec spec;

    protected ProgramCommand(CliProgram<C> program) {
        this.program = program;
    }

    /**
     * This command's command line, with {@code verify} (which checks its own {@code -c FILE}, else
     * this command's) and {@code --version}; for {@code main} and tests (which set its out and err
     * writers). The program adds its other subcommands.
     */
    public CommandLine toCommandLine() {
        CommandLine cl = new CommandLine(this);
        cl.setDefaultValueProvider(arg -> arg instanceof OptionSpec o && o.command() == cl.getCommandSpec()
                && o.longestName().equals("--config") ? program.defaultConfig() : null);
        cl.getCommandSpec().version(program.version());
        return cl;
    }

    /** The file {@code -c} names, else the program's default (also what its subcommands read without a -c). */
    public Path configFile() {
        return config != null ? config : Path.of(program.defaultConfig());
    }

    /** Whether {@code -c} was given (not just defaulted). */
    protected boolean hasConfigFile() {
        return !spec.findOption("--config").originalStringValues().isEmpty();
    }

    /** {@code --allow-unsafe} and {@code --strict_config} as the loader takes them. */
    public CliPreparation.LoadOptions loadOptions() {
        return new CliPreparation.LoadOptions(new java.util.HashSet<>(allowUnsafe), strictConfig);
    }

    /**
     * The settings the command line gives without a file (frps's flags), or null to read the
     * configuration file. Called only when {@code -c} was not given. Default: null.
     */
    protected Map<String, Object> commandLineSettings() {
        return null;
    }

    @Override
    public final Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> settings = hasConfigFile() ? null : commandLineSettings();
        return settings != null ? prepareAndRun(null, settings, loadOptions(), err)
                : prepareAndRun(configFile(), null, loadOptions(), err);
    }

    /**
     * Runs the program with {@code file} and the default options, as {@link #call} does for a command
     * line of {@code -c FILE} alone, without picocli (whose model, converters and help renderers are
     * some 170 classes that a start would otherwise load, archive and keep; {@link ConfigFileArgs}
     * decides when a command line is that). An exception the program throws is printed to {@code err}
     * with exit status 1, as picocli's {@code execute} does.
     */
    public final int runConfigFile(Path file, PrintWriter err) {
        try {
            return prepareAndRun(file, null, CliPreparation.LoadOptions.DEFAULT, err);
        } catch (Exception e) {
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /** Loads {@code settings} when not null, else {@code file}, then {@link #run}; the exit status. */
    private int prepareAndRun(Path file, Map<String, Object> settings, CliPreparation.LoadOptions options,
                              PrintWriter err) throws Exception {
        CliPreparation.Prepared<C> p;
        try {
            p = settings != null ? program.prepareSettingsToRun(settings, err, log, options)
                    : program.prepareToRun(file, err, log, options);
        } catch (IllegalArgumentException e) {
            return program.fail(err, e.getMessage());
        }
        return p == null ? 1 : run(p, err);
    }

    /**
     * Runs the program with settings that did not come from {@link #call} (frpc's proxy
     * subcommands): loads them, then {@link #run}; the exit status.
     */
    public final int runSettings(Map<String, Object> settings, CliPreparation.LoadOptions options, PrintWriter err)
            throws Exception {
        CliPreparation.Prepared<C> p = program.prepareSettingsToRun(settings, err, log, options);
        return p == null ? 1 : run(p, err);
    }

    /**
     * Runs the program with {@code prepared}; returns its exit status. Problems go to {@code err} as
     * {@code "<program>: <message>"} ({@link CliProgram#fail}).
     */
    protected abstract int run(CliPreparation.Prepared<C> prepared, PrintWriter err) throws Exception;
}

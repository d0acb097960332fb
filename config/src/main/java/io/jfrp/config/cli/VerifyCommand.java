package io.jfrp.config.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code jfrps verify -c FILE} and {@code jfrpc verify -c FILE}, as {@code frps verify} and
 * {@code frpc verify}: the one subcommand both command lines have, declared on {@link ProgramCommand}
 * (so picocli's completion and man page generators, which read the annotations, see it too).
 * picocli is an optional dependency of this module; only the programs use this class.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a configuration file: exit 0 when ${PARENT-COMMAND-NAME} can run with it, else print "
                + "every problem (file:line: message) and exit 1.")
public final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    ProgramCommand<?> parent;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "configuration file; default: the -c of ${PARENT-COMMAND-NAME}, else its default")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path file = config != null ? config : parent.configFile();
        return parent.program.verify(file, spec.commandLine().getOut(), spec.commandLine().getErr(),
                parent.loadOptions());
    }
}

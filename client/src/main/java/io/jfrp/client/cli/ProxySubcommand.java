package io.jfrp.client.cli;

import io.jfrp.config.cli.FrpFlags;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jfrpc TYPE [flags]} and {@code jfrpc TYPE visitor [flags]}: frpc's command-line-only mode,
 * one proxy (or visitor) of TYPE from flags ({@link FrpFlags}) and no file. The settings go through
 * the same loader and validation as a file's, so a type jfrp does not run yet is the same error as
 * in a file. One per subcommand; runs the client as {@code jfrpc -c FILE} does.
 */
final class ProxySubcommand implements Callable<Integer> {
    private final Jfrpc root;
    private final String type;
    private final boolean visitor;
    private CommandSpec spec;

    private ProxySubcommand(Jfrpc root, String type, boolean visitor) {
        this.root = root;
        this.type = type;
        this.visitor = visitor;
    }

    /** The subcommand's command line: frpc's common flags and those of the type (or of a visitor). */
    static CommandLine create(Jfrpc root, String type, boolean visitor) {
        ProxySubcommand command = new ProxySubcommand(root, type, visitor);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(visitor ? "Run jfrpc with a single " + type + " visitor"
                : "Run jfrpc with a single " + type + " proxy");
        FrpFlags.addTo(spec, FrpFlags.clientCommon());
        FrpFlags.addTo(spec, visitor ? FrpFlags.visitor() : FrpFlags.proxy(type));
        command.spec = spec;
        return new CommandLine(spec);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> settings;
        try {
            settings = FrpFlags.clientSettings(spec, type, visitor);
        } catch (IllegalArgumentException e) {
            err.println("jfrpc: " + e.getMessage());
            err.flush();
            return 1;
        }
        return root.runSettings(settings, root.loadOptions(), err);
    }
}

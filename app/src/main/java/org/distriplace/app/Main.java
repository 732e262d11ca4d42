package org.distriplace.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code distri-place} command line. */
@Command(name = "distri-place", mixinStandardHelpOptions = true, version = "distri-place 0.1.0",
    description = {
        "A collaborative pixel canvas on a small, observable distributed system.",
        "Every node keeps a replica of the canvas; peers agree through heartbeats,",
        "Bully leader election, two-phase commit of pixel batches on a majority,",
        "vector clocks, last-write-wins and gossip anti-entropy.",
        "",
    },
    subcommands = {DesktopCommand.class, DemoCommand.class, InspectCommand.class, NodeCommand.class,
        MembersCommand.class, ModCommand.class, TimelapseCommand.class, SimulateCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(commandLine(), args));
    }

    /**
     * Runs {@code args} on {@code cli}: {@code node}'s defaults come from the environment and its {@code --config}
     * file first ({@link ConfigFile}); a config file that cannot serve is a usage error (exit 2).
     */
    public static int run(CommandLine cli, String... args) {
        try {
            ConfigFile.install(cli, args, System.getenv());
        } catch (IllegalArgumentException bad) {
            cli.getErr().println(bad.getMessage());
            cli.getErr().flush();
            return 2;
        }
        return cli.execute(args);
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(new OneLineErrors());
    }

    /** No command: open the desktop app. */
    @Override
    public Integer call() {
        return spec.subcommands().get("app").execute();
    }
}

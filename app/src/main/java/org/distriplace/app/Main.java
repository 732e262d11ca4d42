package org.distriplace.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code distri-place} command line. */
@Command(name = "distri-place", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {
        "A collaborative pixel canvas on a small, observable distributed system.",
        "Every node keeps a replica of the canvas; peers agree through heartbeats,",
        "Bully leader election, two-phase commit of pixel batches on a majority,",
        "vector clocks, last-write-wins and gossip anti-entropy.",
        "",
    },
    subcommands = {DesktopCommand.class, DemoCommand.class, InspectCommand.class, NodeCommand.class,
        EdgeCommand.class, HistoryServiceCommand.class, StackCommand.class, MembersCommand.class, ModCommand.class, TimelapseCommand.class, SimulateCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The commands that open a window; every other one runs headless. */
    private static final java.util.Set<String> WINDOWED = java.util.Set.of("app", "demo", "inspect");

    public static void main(String[] args) {
        if (!opensAWindow(args)) {
            // Nodes, timelapses and benchmarks draw images but never show them: AWT then needs no display libraries,
            // which the headless package (distri-place-node) does not ship.
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(run(commandLine(), args));
    }

    /** Whether {@code args} name a command with a window (no command at all is the desktop app). */
    static boolean opensAWindow(String... args) {
        return java.util.Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst()
            .map(WINDOWED::contains).orElse(true);
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

    /** The version the build stamped into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties stamped = new java.util.Properties();
            try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    stamped.load(in);
                }
            }
            return new String[] {"distri-place " + stamped.getProperty("version", "(unknown version)")};
        }
    }

    /** No command: open the desktop app. */
    @Override
    public Integer call() {
        return spec.subcommands().get("app").execute();
    }
}

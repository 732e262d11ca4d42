package org.distriplace.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distriplace.edge.stack.MissingPackage;
import org.distriplace.edge.stack.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distri-place stack up|down}: seed 2's services on this machine, for trying the edges and for tests. */
@Command(name = "stack", header = "Start or stop Redis, PostgreSQL and Kafka on this machine for the edges.",
    mixinStandardHelpOptions = true, subcommands = {StackCommand.Up.class, StackCommand.Down.class},
    description = {
        "Runs seed 2's services for `distri-place edge` and `history-service` on",
        "this machine: Redis and PostgreSQL from the system's packages (as their",
        "own users when run as root) and a single Kafka broker (KRaft) from Maven",
        "Central's jars, each on a free loopback port with its data in DIR.",
        "`up` writes DIR/edge.conf naming them; running it again starts only what",
        "is not running. `down` stops them and keeps their data.",
        "",
    })
public final class StackCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** {@code stack up --dir DIR}. */
    @Command(name = "up", mixinStandardHelpOptions = true, header = "Start what is not running; write DIR/edge.conf.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the services keep "
            + "their data, logs and process ids.")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            return run(spec, () -> {
                Path conf = Stack.in(dir).up(line -> say(out, line));
                say(out, "wrote " + conf + "; now run: distri-place history-service --config " + conf
                    + "  and  distri-place edge --config " + conf + " --http-port 8080");
            });
        }
    }

    /** {@code stack down --dir DIR}. */
    @Command(name = "down", mixinStandardHelpOptions = true, header = "Stop the services; keep their data.")
    static final class Down implements Callable<Integer> {
        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The directory `stack up` used.")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            return run(spec, () -> Stack.in(dir).down(line -> say(out, line)));
        }
    }

    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    /** Runs {@code step}; a missing package or a service that will not start is one line on stderr and exit 1. */
    private static int run(CommandLine.Model.CommandSpec spec, Step step) throws InterruptedException {
        try {
            step.run();
            return 0;
        } catch (MissingPackage e) {
            spec.commandLine().getErr().println("distri-place stack: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("distri-place stack: " + OneLineErrors.describe(e));
            return 1;
        }
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}

package org.distriplace.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.distriplace.core.sim.Faults;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.distriplace.core.sim.SimulationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code distri-place simulate}: runs seeded fault scenarios of the real node code on a simulated network. */
@Command(name = "simulate", header = "Run deterministic simulations of the real node code under faults.",
    mixinStandardHelpOptions = true,
    description = {
        "Runs deterministic simulations: the real node code on virtual time and a",
        "faulty simulated network. Each seed is one scenario: a safety phase with",
        "faults (loss, delay, duplication, reordering, partitions, crashes and",
        "restarts) while clients write; then the network heals and every replica",
        "must agree. Invariants are checked on every event; a failing seed prints",
        "the command that replays it exactly. Exit status 1 on any violation.",
        "",
    })
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "5", description = "Nodes per cluster (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--seeds", defaultValue = "100", description = "How many scenarios (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--base-seed", defaultValue = "1", description = "First seed (default: ${DEFAULT-VALUE}).")
    long baseSeed;

    @Option(names = "--seed", description = "Run exactly this one seed (replay).")
    Long seed;

    @Option(names = "--faults", defaultValue = "all", arity = "1", converter = FaultsConverter.class,
        description = "Faults to inject: all, none, or a list of drop,delay,duplicate,reorder,partition,crash "
            + "(default: ${DEFAULT-VALUE}).")
    Set<Faults> faults;

    @Option(names = "--duration", defaultValue = "30",
        description = "Virtual seconds of the safety phase (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--write-behind", description = "Nodes write a slow simulated disk behind them, as the real "
        + "runtime writes SQLite: effects wait until durable, and a crash loses queued writes.")
    boolean writeBehind;

    @Option(names = "--joiners", defaultValue = "0",
        description = "Nodes that start outside the cluster during the safety phase and ask to join it, with every "
            + "fault still on (default: ${DEFAULT-VALUE}).")
    int joiners;

    @Option(names = "--leavers", defaultValue = "0",
        description = "Members that leave during the safety phase: each asks for its own removal and stops for good "
            + "once removed or after 10 s (default: ${DEFAULT-VALUE}).")
    int leavers;

    @Option(names = "--removals", defaultValue = "0",
        description = "Members an operator removes during the safety phase, through a random live member: up, down "
            + "or cut off, the leader too (default: ${DEFAULT-VALUE}). Leavers and removals together are at most "
            + "(nodes - 1) / 2.")
    int removals;

    @Option(names = "--auto-remove-after-ms", defaultValue = "0",
        description = "Leaders remove members silent this long, while a majority is alive (default: "
            + "${DEFAULT-VALUE}, never). Not with --leavers.")
    long autoRemoveAfterMs;

    @CommandLine.Mixin
    ShardOptions shards = new ShardOptions();

    @Option(names = "--trace", description = "Print every event of the run, in order (with --seed).")
    boolean trace;

    @Option(names = "--threads", description = "Worker threads (default: available processors).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || durationSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need at least one seed and a non-negative "
                + "duration");
        }
        ScenarioOptions options;
        try {
            // The shards first: a sharded scenario may have more nodes than an unsharded one.
            options = ScenarioOptions.defaults().withSharding(ScenarioOptions.Sharding.parse(shards.layout(),
                shards.replicas()))
                .withNodes(nodes).withFaults(faults)
                .withSafetyMs(durationSeconds * 1000).withWriteBehind(writeBehind)
                .withChurn(new ScenarioOptions.Churn(joiners, leavers, removals, autoRemoveAfterMs));
        } catch (IllegalArgumentException invalid) {
            throw new CommandLine.ParameterException(spec.commandLine(), invalid.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        List<SimulationResult> results = seed != null
            ? List.of(runOne(seed, options, out))
            : runMany(options, out);
        report(results, started, out);
        return results.stream().allMatch(SimulationResult::passed) ? 0 : 1;
    }

    private SimulationResult runOne(long chosen, ScenarioOptions options, PrintWriter out) {
        Simulation simulation = new Simulation(chosen, options);
        if (trace) {
            simulation.addTraceListener(out::println);
        }
        SimulationResult result = simulation.run();
        printFailure(simulation, result, out);
        return result;
    }

    private List<SimulationResult> runMany(ScenarioOptions options, PrintWriter out) throws Exception {
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<SimulationResult>> futures = LongStream.range(baseSeed, baseSeed + seeds)
                .mapToObj(s -> pool.submit(() -> {
                    Simulation simulation = new Simulation(s, options);
                    SimulationResult result = simulation.run();
                    synchronized (out) {
                        printFailure(simulation, result, out);
                    }
                    return result;
                }))
                .toList();
            List<SimulationResult> results = new ArrayList<>();
            for (Future<SimulationResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void printFailure(Simulation simulation, SimulationResult result, PrintWriter out) {
        if (!result.passed()) {
            out.println("seed " + result.seed() + ": FAILED " + result.violation());
            out.println("  replay: " + simulation.replayCommand());
            out.flush();
        }
    }

    private static void report(List<SimulationResult> results, long startedNanos, PrintWriter out) {
        double wallSeconds = (System.nanoTime() - startedNanos) / 1e9;
        long violations = results.stream().filter(r -> !r.passed()).count();
        double virtualSeconds = results.stream().mapToLong(SimulationResult::virtualMs).sum() / 1000.0;
        long events = results.stream().mapToLong(SimulationResult::events).sum();
        long acknowledged = results.stream().mapToLong(SimulationResult::acknowledged).sum();
        long changes = results.stream().mapToLong(SimulationResult::configChanges).sum();
        long shardChanges = results.stream().mapToLong(SimulationResult::shardChanges).sum();
        out.printf(Locale.ROOT, "%d runs, %d violations, %.0f virtual s in %.1f wall s (%.1f runs/s, %d events, "
                + "%d acknowledged writes%s%s)%n", results.size(), violations, virtualSeconds, wallSeconds,
            results.size() / Math.max(wallSeconds, 1e-9), events, acknowledged,
            changes > 0 ? ", " + changes + " configuration changes" : "",
            shardChanges > 0 ? ", " + shardChanges + " shard configuration changes" : "");
        out.flush();
    }

    /** Parses {@code --faults}. */
    static final class FaultsConverter implements CommandLine.ITypeConverter<Set<Faults>> {
        @Override
        public Set<Faults> convert(String value) {
            return Faults.parse(value);
        }
    }
}

package org.distriplace.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.distriplace.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code distri-place bench}: measures a three-node cluster on this machine. */
@Command(name = "bench", header = "Measure a three-node cluster on this machine (placements, fan-out, failover).",
    mixinStandardHelpOptions = true,
    description = {
        "Measures a three-node cluster started as separate processes on loopback:",
        "this machine's WebSocket fan-out ceiling (calibration), the placement ramp",
        "(open model, latencies from intended send times, until p99 place->visible",
        "passes 500 ms), fan-out to many observers, and failover under load.",
        "",
    })
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A short run (under two minutes) instead of the full one (about ten).")
    boolean quick;

    @Option(names = "--json", description = "Also write the results to this file.")
    Path json;

    @Option(names = "--phases", split = ",", defaultValue = "ramp,fanout,failover",
        description = "Which phases to run: ramp, fanout, failover, reads, membership, history, connections, edge, "
            + "shardmap, shards (default: "
            + "ramp,fanout,failover). reads measures POST /pixel idle and while clients loop on canvas reads, on a "
            + "painted 2000x2000 canvas; membership times members leaving on SIGTERM and a lone survivor's answer; "
            + "history reads a node's 1,000,000-placement history (snapshots, pixels, a timelapse) and times "
            + "POST /pixel while timelapses are exported; connections measures a node's memory per WebSocket "
            + "connection with 10,000 idle clients and with 1,000 that never read; edge runs seed 2's deployment "
            + "(`stack up`, a history service, two edges) against the Redis anchor of its own placement script, "
            + "with canvas reads through nginx and idle WebSockets on one edge (up to 100,000). With ramp in the "
            + "same run, the peer cluster's figure is reported beside the edges'. shardmap compares rendezvous "
            + "hashing with a hash ring: replicas moved when a member joins or leaves, and their spread. shards runs nine "
            + "nodes with --shards 3x3 beside three with one shard, at one rate through every node: CPU, heap, disk "
            + "and peer bytes per committed write on each node, and the share of writes each node leads.")
    Set<Benchmark.Phase> phases;

    @Option(names = "--rates", split = ",", paramLabel = "PER_SECOND",
        description = "The ramp's placement rates (default: 1000,2000,5000,10000,20000,50000).")
    List<Double> rates = List.of();

    @Option(names = "--node-jvm-option", paramLabel = "OPTION",
        description = "An extra option for each node's JVM, repeatable; {id} becomes the node id "
            + "(e.g. -XX:StartFlightRecording=filename=node-{id}.jfr).")
    List<String> nodeJvmOptions = List.of();

    @Option(names = "--reference-jar", paramLabel = "JAR",
        description = "Another build's distri-place.jar: the reads, membership and connections phases also "
            + "measure its nodes, side by side.")
    Path referenceJar;

    @Option(names = "--pixels", paramLabel = "FORM", defaultValue = "binary",
        description = "How the benchmark's clients take pixels: binary (as the browser page does; the default) or "
            + "json (the seed's text frames).")
    Benchmark.PixelFrames pixels;

    @Option(names = "--node-option", paramLabel = "OPTION",
        description = "An extra distri-place node option for the placement phases' nodes, repeatable "
            + "(e.g. --node-option=--wire=json).")
    List<String> nodeOptions = List.of();

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0",
        description = "How long the ramp's unmeasured warm-up runs, at its first rate (default: 8 s, 10 s with "
            + "--quick; each rate also runs unmeasured for 10 s, 3 s quick, before it is timed). The nodes' JIT "
            + "compilers work for a minute or more; a longer warm-up measures them warm.")
    double warmupSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new Benchmark(new Benchmark.Options(quick, json, phases, rates, nodeJvmOptions,
            referenceJar, pixels, nodeOptions, warmupSeconds), spec.commandLine().getOut()).run();
        return 0;
    }
}

package org.distriplace.app;

import picocli.CommandLine.Option;

/**
 * How the canvas is cut into shards, the same options wherever a cluster is started ({@code node}, {@code demo},
 * {@code simulate}; ADR 0017). The layout stays text here: {@code NodeConfig.Builder.shards} and
 * {@code ScenarioOptions.Sharding.parse} read it against their canvas, so the app never touches the protocol's grid.
 */
public final class ShardOptions {

    @Option(names = "--shards", defaultValue = "1x1", description = "Cut the canvas into COLSxROWS shards, each "
        + "ordered by its own group of --replicas members (default: ${DEFAULT-VALUE}: every member holds the whole "
        + "canvas). Every member must use the same; a sharded cluster keeps the members it starts with.")
    String layout = "1x1";

    @Option(names = "--replicas", defaultValue = "3", description = "How many members hold each shard (default: "
        + "${DEFAULT-VALUE}); the others follow it as learners.")
    int replicas = 3;

    /** The layout as given, {@code COLSxROWS}. */
    public String layout() {
        return layout;
    }

    public int replicas() {
        return replicas;
    }

    /** True when the canvas is cut at all (the layout is not {@code 1x1}). */
    public boolean sharded() {
        return !layout.strip().equals("1x1");
    }
}

package org.distriplace.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An engine's state at one moment, for {@code /readyz} and {@code GET /api/v1/cluster}: built from a snapshot, so
 * describing it (JSON, on an I/O thread) never touches the engine.
 */
public interface EngineStatus {

    /** Whether players' placements can commit now. */
    boolean ready();

    /** Why not, each a sentence a player or an operator can act on; empty when ready. */
    List<String> reasons();

    /** Adds what the engine can say of its readiness to {@code /readyz}'s body (which holds ready and reasons). */
    void describeReadiness(ObjectNode body);

    /** Writes {@code GET /api/v1/cluster}'s body: the engine, its members or backends, the canvas's version. */
    void describeCluster(ObjectNode body);

    /**
     * Writes {@code GET /api/v1/shards}'s body: {@code mapVersion} and each shard's {@code id}, rectangle
     * ({@code x}, {@code y}, {@code width}, {@code height}), {@code replicas}, {@code leader} (null for none),
     * {@code epoch} and {@code committedWrites}. An engine that does not cut the canvas describes one shard.
     */
    void describeShards(ObjectNode body);
}

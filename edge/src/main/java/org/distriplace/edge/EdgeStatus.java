package org.distriplace.edge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.distriplace.core.engine.EngineStatus;
import org.distriplace.core.read.ReadView;

/**
 * An edge's status, checked once a second: whether Redis answers and holds the whole canvas, whether this edge hears
 * its placements, whether Kafka takes them, and whether accounts can be read. Ready when placements can be taken.
 *
 * @param edge       this edge's number
 * @param redis      what Redis said when asked ("" when it answered)
 * @param whole      Redis holds every band of the canvas
 * @param rebuilding an edge (this one or another) is rebuilding the canvas from the log
 * @param subscribed this edge hears the placements Redis publishes, and its copy of the canvas is whole
 * @param kafka      why the log refuses placements ("" when it takes them)
 * @param accounts   why accounts cannot be read ("" when they can)
 * @param settings   where the services are, for the cluster's description
 * @param view       the edge's copy of the canvas when checked
 */
public record EdgeStatus(int edge, String redis, boolean whole, boolean rebuilding, boolean subscribed,
                         String kafka, String accounts, EdgeSettings settings, ReadView view)
    implements EngineStatus {

    @Override
    public boolean ready() {
        return reasons().isEmpty();
    }

    @Override
    public List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        if (!redis.isEmpty()) {
            reasons.add("Redis is not answering (" + redis + ")");
        } else if (!whole) {
            reasons.add(rebuilding ? "Redis lost the canvas: it is being rebuilt from the log"
                : "Redis does not hold the whole canvas: waiting for an edge to rebuild it from the log");
        } else if (!subscribed) {
            reasons.add("not yet hearing Redis' placements (subscribing, then loading the canvas)");
        }
        if (!kafka.isEmpty()) {
            reasons.add("the placement log (Kafka) is not taking placements (" + kafka + ")");
        }
        return reasons;
    }

    @Override
    public void describeReadiness(ObjectNode body) {
        body.put("engine", "edge").put("redis", redis.isEmpty()).put("canvasWhole", whole)
            .put("rebuilding", rebuilding).put("subscribed", subscribed).put("kafka", kafka.isEmpty())
            .put("accounts", accounts.isEmpty());
        if (!accounts.isEmpty()) {
            body.put("accountsProblem", "accounts cannot be read or changed (" + accounts + ")");
        }
    }

    @Override
    public void describeCluster(ObjectNode body) {
        body.put("engine", "edge").put("nodeId", edge).put("edgeId", edge).put("role", "EDGE")
            .put("leaderId", 0).put("epoch", 0).put("ready", ready());
        reasons().forEach(body.withArray("reasons")::add);
        ObjectNode backends = body.putObject("backends");
        ArrayNode nodes = backends.putObject("redis").put("answering", redis.isEmpty())
            .put("canvasWhole", whole).put("rebuilding", rebuilding).putArray("nodes");
        settings.redis().forEach(uri -> nodes.add(uri.getHost() + ":" + uri.getPort()));
        backends.putObject("kafka").put("answering", kafka.isEmpty()).put("bootstrap", settings.kafka())
            .put("topic", settings.topic());
        backends.putObject("postgres").put("answering", accounts.isEmpty())
            .put("schema", settings.schema());
        body.putArray("peers");
        body.putArray("members");
        body.putObject("canvas").put("width", settings.canvas().width()).put("height", settings.canvas().height());
        ObjectNode version = body.putObject("version");
        view.version().asMap().forEach((band, seq) -> version.put(Integer.toString(band), seq));
        body.put("stateHash", view.stateHash()).put("committedWrites", view.committedWrites());
    }

    /**
     * An edge does not cut the canvas into groups of replicas: its canvas is one shard, which Redis, Kafka and
     * PostgreSQL keep (ADR 0015), with no replicas or leader among peers.
     */
    @Override
    public void describeShards(ObjectNode body) {
        body.put("mapVersion", 0);
        ObjectNode whole = body.putArray("shards").addObject().put("id", 0).put("x", 0).put("y", 0)
            .put("width", settings.canvas().width()).put("height", settings.canvas().height());
        whole.putArray("replicas");
        whole.putNull("leader");
        whole.put("epoch", 0).put("committedWrites", view.committedWrites());
    }
}

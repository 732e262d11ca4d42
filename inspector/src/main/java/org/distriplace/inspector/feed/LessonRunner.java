package org.distriplace.inspector.feed;

import java.util.List;
import java.util.Optional;
import org.distriplace.core.read.ReadView;

/**
 * Plays a {@link Lesson} on the simulated demo: each step's actions as it begins, then the cluster runs (at the
 * presenter's speed) until the step's moment comes; a step marked {@code pause} stops there, at the interesting
 * moment, until the teacher goes on. A step whose moment does not come within a minute of cluster time ends anyway,
 * so every lesson finishes. Driven from the JavaFX thread, once a frame.
 */
public final class LessonRunner {

    /** The longest a step waits for its moment, in cluster time. */
    static final long STEP_LIMIT_MS = 60_000;

    private final SimulatedCluster cluster;
    private final Lesson lesson;
    private final LessonActions actions;
    private int index = -1;
    private long startedAt;
    private Optional<Integer> startLeader = Optional.empty();
    private long startWrites;
    private boolean waiting;

    public LessonRunner(SimulatedCluster cluster, Lesson lesson) {
        this.cluster = cluster;
        this.lesson = lesson;
        this.actions = new LessonActions(cluster);
    }

    public Lesson lesson() {
        return lesson;
    }

    /** Begins the first step (the demo runs). */
    public void start() {
        cluster.setPaused(false);
        begin(0);
    }

    /** Checks whether the step's moment has come; called once a frame. */
    public void tick() {
        if (finished() || waiting || !reached(lesson.steps().get(index).until())
            && cluster.now() - startedAt < STEP_LIMIT_MS) {
            return;
        }
        if (lesson.steps().get(index).pause()) {
            cluster.setPaused(true);
            waiting = true;
        } else {
            begin(index + 1);
        }
    }

    /** The teacher goes on from a pause (or skips the step's wait). */
    public void next() {
        waiting = false;
        cluster.setPaused(false);
        begin(index + 1);
    }

    private void begin(int next) {
        index = next;
        if (finished()) {
            return;
        }
        startedAt = cluster.now();
        startLeader = cluster.leader();
        startWrites = leaderWrites();
        lesson.steps().get(index).actions().forEach(actions::run);
    }

    private boolean reached(String until) {
        if (until.isEmpty()) {
            return true;
        }
        double seconds = LessonActions.seconds(until);
        if (seconds >= 0) {
            return cluster.now() - startedAt >= seconds * 1000;
        }
        int writes = LessonActions.writes(until);
        if (writes >= 0) {
            return leaderWrites() - startWrites >= writes;
        }
        return switch (until) {
            case "leader" -> cluster.leader().isPresent();
            case "new leader" -> cluster.leader().isPresent() && !cluster.leader().equals(startLeader);
            case "converged" -> hashes().size() == 1;
            case "diverged" -> hashes().size() > 1;
            default -> true;
        };
    }

    private List<String> hashes() {
        return cluster.nodes().stream().filter(cluster::isRunning).map(cluster::view).flatMap(Optional::stream)
            .map(ReadView::stateHash).distinct().toList();
    }

    private long leaderWrites() {
        return cluster.leader().flatMap(cluster::view).map(ReadView::committedWrites).orElse(0L);
    }

    /** The caption of the step on now (what the lesson is about before it starts, the last step's after). */
    public String caption() {
        return index < 0 ? lesson.about() : lesson.steps().get(Math.min(index, lesson.steps().size() - 1)).caption();
    }

    /** The step on now, from 1. */
    public int step() {
        return Math.min(index + 1, lesson.steps().size());
    }

    /** True while paused at a step's moment, waiting for the teacher. */
    public boolean waiting() {
        return waiting;
    }

    public boolean finished() {
        return index >= lesson.steps().size();
    }
}

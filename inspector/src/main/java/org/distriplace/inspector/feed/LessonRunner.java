package org.distriplace.inspector.feed;

import java.util.List;

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
    private LessonMoment moment;
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
        index = -1;
        goOn();
    }

    /**
     * Checks whether the step's moment has come; called once a frame. The cluster itself stops on the event that
     * brings it (see {@link SimulatedCluster#pauseWhen}), so a pause shows exactly the moment the caption describes.
     */
    public void tick() {
        if (finished() || waiting) {
            return;
        }
        boolean came = cluster.pausedAtBreakpoint() || moment.reached(List.of())
            || cluster.now() - startedAt >= STEP_LIMIT_MS;
        if (!came) {
            return;
        }
        cluster.clearPauseWhen();
        if (lesson.steps().get(index).pause()) {
            if (!cluster.isPaused()) {
                cluster.setPaused(true); // the step limit, or a moment judged here: the breakpoint paused it already
            }
            waiting = true;
        } else {
            goOn();
        }
    }

    /** The teacher goes on from a pause (or skips the step's wait). */
    public void next() {
        waiting = false;
        goOn();
    }

    /** Begins the next step; the demo runs on unless its moment holds already (it is shown at once, then). */
    private void goOn() {
        begin(index + 1);
        if (finished() || !moment.reached(List.of())) {
            cluster.setPaused(false);
        } else if (!cluster.isPaused()) {
            cluster.setPaused(true);
        }
    }

    /** Ends the lesson where it is: the demo goes on by itself. */
    public void stop() {
        cluster.clearPauseWhen();
        index = lesson.steps().size();
    }

    private void begin(int next) {
        index = next;
        cluster.clearPauseWhen();
        if (finished()) {
            return;
        }
        startedAt = cluster.now();
        // The moment is measured from before the step's actions: "new leader" after "kill leader" means another.
        moment = new LessonMoment(cluster, lesson.steps().get(index).until());
        lesson.steps().get(index).actions().forEach(actions::run);
        cluster.pauseWhen(moment::reached, moment.deadline().orElse(startedAt + STEP_LIMIT_MS));
    }

    /** The caption of the step on now (what the lesson is about before it starts, the last step's after). */
    public String caption() {
        return index < 0 ? lesson.about() : lesson.steps().get(Math.min(index, lesson.steps().size() - 1)).caption();
    }

    /** The cluster time the step on now began at. */
    public long stepStartedAt() {
        return startedAt;
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

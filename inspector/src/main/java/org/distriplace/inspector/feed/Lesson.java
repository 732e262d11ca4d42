package org.distriplace.inspector.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * A narrated scenario on the simulated demo: steps, each with a caption saying what to watch and why, actions done
 * as it begins, the moment it ends at, and whether to pause there for the class. Written as a small text file a
 * teacher can edit (docs/inspector.md, "Lessons"):
 *
 * <pre>
 * lesson: When the leader crashes
 * about: How the cluster notices and elects the next leader.
 *
 * step: n5 leads: it has the highest id.
 * until: leader
 * pause
 *
 * step: The leader crashes. A crash is silence: nobody knows yet.
 * do: kill leader
 * until: new leader
 * </pre>
 *
 * A lesson about shards says so with a {@code needs: shards} line: it plays only on a demo started with
 * {@code --shards}.
 *
 * @param title       what the lesson is called
 * @param about       one line on what it shows
 * @param needsShards whether it plays only on a sharded demo
 */
public record Lesson(String title, String about, List<Step> steps, boolean needsShards) {

    public Lesson(String title, String about, List<Step> steps) {
        this(title, about, steps, false);
    }

    /**
     * One step.
     *
     * @param caption what to watch, and why
     * @param actions what is done as the step begins ({@code kill leader}, {@code partition n1,n2 | n3,n4,n5}, …)
     * @param until   the moment the step ends ({@code leader}, {@code new leader}, {@code time 2s}, …)
     * @param pause   whether the demo pauses there until the teacher goes on
     */
    public record Step(String caption, List<String> actions, String until, boolean pause) {
    }

    public Lesson {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a lesson has at least one step");
        }
    }

    /** Reads a lesson; a line it cannot read is refused, naming its number. */
    public static Lesson parse(String text) {
        String title = null;
        String about = "";
        boolean needsShards = false;
        List<Step> steps = new ArrayList<>();
        StepBuilder step = null;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = colon < 0 ? line : line.substring(0, colon).strip();
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            switch (key) {
                case "lesson" -> title = value;
                case "about" -> about = value;
                case "needs" -> {
                    if (!value.equals("shards")) {
                        throw new IllegalArgumentException("line " + n + ": a lesson needs only 'shards', not '"
                            + value + "'");
                    }
                    needsShards = true;
                }
                case "step" -> {
                    if (step != null) {
                        steps.add(step.build());
                    }
                    step = new StepBuilder(value);
                }
                case "do", "until", "pause" -> {
                    if (step == null) {
                        throw new IllegalArgumentException("line " + n + ": '" + key + "' before the first step");
                    }
                    step.take(key, value, n);
                }
                default -> throw new IllegalArgumentException("line " + n + ": '" + line + "' is not lesson:, about:, "
                    + "needs:, step:, do:, until: or pause");
            }
        }
        if (step != null) {
            steps.add(step.build());
        }
        if (title == null || title.isEmpty()) {
            throw new IllegalArgumentException("a lesson starts with 'lesson: its title'");
        }
        return new Lesson(title, about, steps, needsShards);
    }

    private static final class StepBuilder {
        private final String caption;
        private final List<String> actions = new ArrayList<>();
        private String until = "";
        private boolean pause;

        StepBuilder(String caption) {
            this.caption = caption;
        }

        void take(String key, String value, int line) {
            switch (key) {
                case "do" -> actions.add(LessonActions.checkAction(value, line));
                case "until" -> until = LessonMoment.check(value, line);
                default -> pause = true;
            }
        }

        Step build() {
            return new Step(caption, actions, until, pause);
        }
    }
}

package org.distriplace.inspector.feed;

/** Ready-made lessons for demo mode, each a few faults at the right moments. */
public enum Scenario {
    LEADER_CRASH("Leader crash",
        "The leader dies. Its heartbeats stop, the others suspect it, then declare it dead; the highest live node "
            + "wins a Bully election with a higher epoch and carries on committing."),
    PARTITION_AND_HEAL("Partition and heal",
        "Two followers are cut off for 10 s. The majority side keeps committing; the minority cannot. After healing, "
            + "anti-entropy brings the minority up to date."),
    SPLIT_BRAIN("Split-brain attempt",
        "The leader and one follower are cut off for 12 s while clients keep writing to them. The minority cannot "
            + "reach a majority, so nothing it proposes commits; the majority elects a new leader in a higher epoch. "
            + "After healing the old leader steps down."),
    REJOIN_AFTER_MISSED_WRITES("Rejoin after missed writes",
        "A follower crashes, 20 pixels are painted without it, then it restarts: it restores from its disk and "
            + "catches up through sync.");

    private final String title;
    private final String lesson;

    Scenario(String title, String lesson) {
        this.title = title;
        this.lesson = lesson;
    }

    public String title() {
        return title;
    }

    /** What the class should watch for. */
    public String lesson() {
        return lesson;
    }
}

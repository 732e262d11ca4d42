package org.distriplace.inspector.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lesson files as teachers write them: read, or refused naming the line. */
class LessonTest {

    @TempDir
    Path dir;

    @Test
    void aLessonReadsItsStepsActionsMomentsAndPauses() {
        Lesson lesson = Lesson.parse("""
            # a comment
            lesson: Two steps
            about: Just to see.

            step: First, a leader.
            until: leader
            pause

            step: Then a crash.
            do: kill leader
            do: paint follower 2
            do: race n1 follower
            until: time 2.5s
            """);
        assertEquals("Two steps", lesson.title());
        assertEquals("Just to see.", lesson.about());
        assertEquals(List.of(new Lesson.Step("First, a leader.", List.of(), "leader", true),
            new Lesson.Step("Then a crash.", List.of("kill leader", "paint follower 2", "race n1 follower"), "time 2.5s",
                false)),
            lesson.steps());
    }

    @Test
    void aLessonOnShardsSaysSoAndNamesShardLeadersAndPeers() {
        Lesson lesson = Lesson.parse("""
            lesson: Shards
            needs: shards
            about: Cut.
            step: Kill a shard's leader, then one of its peers.
            do: kill s0-leader
            do: kill s12-peer
            until: new shard leaders
            step: Back.
            do: restart killed
            until: shard without quorum
            """);
        assertTrue(lesson.needsShards());
        assertEquals(List.of("kill s0-leader", "kill s12-peer"), lesson.steps().get(0).actions());
        assertFalse(Lesson.parse("lesson: x\nstep: a\n").needsShards());
        assertTrue(refusal("lesson: x\nneeds: quantum\nstep: a\n").startsWith("line 2: a lesson needs only"));
    }

    @Test
    void whatCannotBeReadIsRefusedNamingItsLine() {
        assertTrue(refusal("lesson: x\nstep: a\ndo: explode n1\n").startsWith("line 3: cannot do 'explode n1'"));
        assertTrue(refusal("lesson: x\nstep: a\n\ndo: race n1\n").startsWith("line 4: cannot do 'race n1'"),
            "a race needs two nodes");
        assertTrue(refusal("lesson: x\nstep: a\nuntil: forever\n").startsWith("line 3: a step cannot end at"));
        assertTrue(refusal("lesson: x\ndo: heal\n").startsWith("line 2: 'do' before the first step"));
        assertTrue(refusal("lesson: x\nstep: a\nwhen: now\n").startsWith("line 3: 'when: now' is not"));
        assertTrue(refusal("step: a\n").contains("starts with 'lesson: its title'"));
        assertTrue(refusal("lesson: x\n").contains("at least one step"));
    }

    @Test
    void everyBuiltInLessonReadsAndAFileTooLargeIsRefused() throws Exception {
        for (String name : Lessons.BUILT_IN) {
            Lesson lesson = Lessons.builtIn(name);
            assertFalse(lesson.steps().isEmpty(), name);
            assertFalse(lesson.about().isEmpty(), name);
        }
        Path big = dir.resolve("big.lesson");
        Files.writeString(big, "lesson: big\nstep: a\n" + "# padding\n".repeat(40_000));
        assertThrows(IllegalArgumentException.class, () -> Lessons.load(big));
        Path fine = dir.resolve("mine.lesson");
        Files.writeString(fine, "lesson: Mine\nstep: Watch.\nuntil: time 1s\n");
        assertEquals("Mine", Lessons.load(fine).title());
    }

    private static String refusal(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Lesson.parse(text)).getMessage();
    }
}

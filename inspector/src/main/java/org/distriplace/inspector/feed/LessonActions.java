package org.distriplace.inspector.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.model.Color;

/**
 * What a lesson's actions ({@code do:}) do to the simulated demo (the moments its steps end at are
 * {@link LessonMoment}'s). Nodes are named {@code n3}, or by part: {@code leader} (the newest), {@code follower} (the
 * lowest-numbered running one that does not lead), {@code killed} (the last one a lesson killed; {@code restart
 * killed} restarts every one it killed), and on a sharded demo {@code s0-leader} (shard 0's leader) and
 * {@code s0-peer} (the lowest-numbered running replica of shard 0 that does not lead it).
 */
final class LessonActions {

    private static final String NODE = "(leader|follower|killed|n\\d+|s\\d+-leader|s\\d+-peer)";
    private static final Pattern KILL = Pattern.compile("kill " + NODE);
    private static final Pattern RESTART = Pattern.compile("restart " + NODE);
    private static final Pattern ISOLATE = Pattern.compile("isolate " + NODE);
    private static final Pattern PARTITION = Pattern.compile("partition (.+)");
    private static final Pattern LINK = Pattern.compile("link " + NODE + "->(all|" + NODE.substring(1)
        + " drop (\\d{1,3})( delay (\\d{1,5}))?");
    private static final Pattern PAINT = Pattern.compile("paint " + NODE + "( \\d{1,3})?");
    private static final Pattern REMOVE = Pattern.compile("remove " + NODE);
    /** Two players take the same pixel at the same moment, one through each node. */
    private static final Pattern RACE = Pattern.compile("race " + NODE + " " + NODE);
    private static final Pattern SPEED = Pattern.compile("speed (\\d+(\\.\\d+)?)");
    private static final Pattern HEAL = Pattern.compile("heal");
    /** Cuts off a minority: followers only, or the leader with followers (it cannot commit any more). */
    private static final Pattern CUT = Pattern.compile("cut (minority|leader)");

    static final Color RED = Color.of("#FF4500");
    static final Color BLUE = Color.of("#2450A4");

    private final SimulatedCluster cluster;
    /** The nodes this lesson killed, the last one last. */
    private final List<Integer> killed = new ArrayList<>();
    private int painted;
    private int races;

    LessonActions(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    /** {@code action} if a lesson can do it; refused naming {@code line} otherwise. */
    static String checkAction(String action, int line) {
        for (Pattern form : List.of(KILL, RESTART, ISOLATE, PARTITION, LINK, PAINT, RACE, REMOVE, SPEED, HEAL, CUT)) {
            if (form.matcher(action).matches()) {
                return action;
            }
        }
        throw new IllegalArgumentException("line " + line + ": cannot do '" + action + "' (kill, restart, isolate, "
            + "cut, partition, heal, link, paint, race, remove or speed)");
    }

    /** Does {@code action} now. */
    void run(String action) {
        Matcher m;
        if ((m = KILL.matcher(action)).matches()) {
            node(m.group(1)).ifPresent(id -> {
                killed.remove(Integer.valueOf(id));
                killed.add(id);
                cluster.kill(id);
            });
        } else if ((m = RESTART.matcher(action)).matches()) {
            restart(m.group(1));
        } else if ((m = ISOLATE.matcher(action)).matches()) {
            node(m.group(1)).ifPresent(id -> cluster.partition(List.of(Set.of(id), others(Set.of(id)))));
        } else if ((m = PARTITION.matcher(action)).matches()) {
            List<Set<Integer>> groups = new ArrayList<>();
            for (String group : m.group(1).split("\\|")) {
                Set<Integer> ids = new TreeSet<>();
                for (String name : group.split(",")) {
                    node(name.strip()).ifPresent(ids::add);
                }
                groups.add(ids);
            }
            cluster.partition(groups);
        } else if ((m = LINK.matcher(action)).matches()) {
            link(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(5) == null ? 0
                : Integer.parseInt(m.group(5)));
        } else if ((m = PAINT.matcher(action)).matches()) {
            int count = m.group(2) == null ? 1 : Integer.parseInt(m.group(2).strip());
            node(m.group(1)).ifPresent(id -> paint(id, count));
        } else if ((m = RACE.matcher(action)).matches()) {
            Optional<Integer> first = node(m.group(1));
            Optional<Integer> second = node(m.group(2));
            if (first.isPresent() && second.isPresent()) {
                race(first.get(), second.get());
            }
        } else if ((m = REMOVE.matcher(action)).matches()) {
            node(m.group(1)).ifPresent(cluster::remove);
        } else if ((m = SPEED.matcher(action)).matches()) {
            cluster.setSpeed(Double.parseDouble(m.group(1)));
        } else if (HEAL.matcher(action).matches()) {
            cluster.heal();
        } else if ((m = CUT.matcher(action)).matches()) {
            cut(m.group(1).equals("leader"));
        }
    }

    /** Restarts {@code name}; {@code killed} names every node the lesson killed that is still down. */
    private void restart(String name) {
        if (name.equals("killed")) {
            killed.stream().filter(id -> !cluster.isRunning(id)).forEach(cluster::restart);
            killed.clear();
        } else {
            node(name).ifPresent(cluster::restart);
        }
    }

    /** A minority, (members - 1) / 2 nodes: the lowest-numbered followers, or the leader and followers. */
    private void cut(boolean withLeader) {
        List<Integer> running = cluster.nodes().stream().filter(cluster::isRunning).toList();
        Optional<Integer> leader = cluster.leader();
        Set<Integer> minority = new TreeSet<>();
        if (withLeader) {
            leader.ifPresent(minority::add);
        }
        int size = (cluster.nodes().size() - 1) / 2;
        for (int id : running) {
            if (minority.size() < size && !leader.equals(Optional.of(id))) {
                minority.add(id);
            }
        }
        cluster.partition(List.of(minority, others(minority)));
    }

    private void link(String from, String to, int dropPercent, int delayMs) {
        LinkConditions fault = LinkConditions.lossAndDelay(dropPercent, delayMs);
        Optional<Integer> source = node(from);
        if (source.isEmpty()) {
            return;
        }
        List<Integer> targets = to.equals("all") ? List.copyOf(others(Set.of(source.get())))
            : node(to).map(List::of).orElse(List.of());
        targets.forEach(target -> cluster.setLink(source.get(), target, fault));
    }

    private void paint(int node, int count) {
        for (int i = 0; i < count; i++) {
            int n = painted++;
            int size = cluster.canvasSize();
            cluster.place(node, "lesson-" + n, (n * 5) % size, (n * 11 / size + 3) % size, n % 2 == 0 ? RED : BLUE);
        }
    }

    /** Red through {@code first} and blue through {@code second}, at one pixel, at once: the next race's pixel. */
    private void race(int first, int second) {
        int[] pixel = racePixel(races++, cluster.canvasSize());
        cluster.place(first, "lesson-race-red", pixel[0], pixel[1], RED);
        cluster.place(second, "lesson-race-blue", pixel[0], pixel[1], BLUE);
    }

    /** The pixel the {@code race}-th race is run at: from the middle of the canvas rightwards. */
    static int[] racePixel(int race, int canvasSize) {
        return new int[] {(canvasSize / 2 + race) % canvasSize, canvasSize / 2};
    }

    private Set<Integer> others(Set<Integer> these) {
        Set<Integer> rest = new TreeSet<>(cluster.nodes());
        rest.removeAll(these);
        return rest;
    }

    /** The node {@code name} names now, if there is one. */
    Optional<Integer> node(String name) {
        return switch (name) {
            case "leader" -> cluster.leader();
            case "follower" -> cluster.nodes().stream().filter(cluster::isRunning)
                .filter(id -> !cluster.leader().equals(Optional.of(id))).findFirst();
            case "killed" -> killed.isEmpty() ? Optional.empty() : Optional.of(killed.get(killed.size() - 1));
            default -> {
                if (name.startsWith("s")) {
                    int shard = Integer.parseInt(name.substring(1, name.indexOf('-')));
                    yield name.endsWith("-leader") ? ShardsNow.leader(cluster, shard) : ShardsNow.peer(cluster, shard);
                }
                int id = Integer.parseInt(name.substring(1));
                yield cluster.nodes().contains(id) ? Optional.of(id) : Optional.empty();
            }
        };
    }
}

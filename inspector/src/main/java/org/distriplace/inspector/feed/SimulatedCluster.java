package org.distriplace.inspector.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.distriplace.core.event.NodeEvent;
import org.distriplace.core.fault.LinkConditions;
import org.distriplace.core.model.Color;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.node.PlaceResult;
import org.distriplace.core.read.ReadView;
import org.distriplace.core.sim.ScenarioOptions;
import org.distriplace.core.sim.Simulation;
import org.distriplace.core.sim.Violation;

/**
 * Demo mode's cluster: real node engines on the simulator's virtual clock and network, run by the inspector at the
 * speed the presenter chooses, paused, or one event at a time. Single-threaded: the caller (the JavaFX thread)
 * drives it through {@link #advance} and the controls. Events and reports go to an {@link EventInbox}.
 */
public final class SimulatedCluster implements FaultControls, Playback {

    /** Most events one frame may run: past it, virtual time falls behind rather than the window freezing. */
    static final int MAX_EVENTS_PER_FRAME = 50_000;

    /** How long the demo's nodes listen before the highest calls the first election (virtual ms). */
    static final long FIRST_ELECTION_AFTER_MS = 250;
    /** How long a Bully candidate waits for a higher id's ANSWER (virtual ms): links take 10-40 ms. */
    static final long ANSWER_TIMEOUT_MS = 200;

    private final DemoSettings settings;
    private final Journal journal;
    private Simulation simulation;
    private final EventInbox inbox;
    private final LinkConditions healthy;
    private final Map<Long, LinkConditions> faults = new HashMap<>();
    private boolean paused;
    /** Where the run pauses itself (a lesson's moment). */
    private final Breakpoint breakpoint = new Breakpoint();
    private double speed = 0.25;
    private double clock;
    private ScenarioPresets presets;

    public SimulatedCluster(DemoSettings settings, EventInbox inbox) {
        this.inbox = inbox;
        this.settings = settings;
        this.healthy = settings.link();
        this.journal = new Journal();
        this.simulation = build();
        this.presets = new ScenarioPresets(simulation);
        publishReports();
    }

    /** A copy of {@code original}'s run, replayed to where it is now into {@code inbox}, paused there. */
    private SimulatedCluster(SimulatedCluster original, EventInbox inbox) {
        this.inbox = inbox;
        this.settings = original.settings;
        this.healthy = original.healthy;
        this.journal = original.journal.copy();
        this.speed = original.speed;
        rewind(original.eventsRun());
    }

    /**
     * A branch of this run: a second cluster that went through exactly the same states (the same seed and the
     * presenter's actions done again at the same points), paused at this moment, telling its whole story to
     * {@code inbox}. From here the two are independent: a fault changed in one shows how the run could have gone.
     */
    public SimulatedCluster branch(EventInbox into) {
        return new SimulatedCluster(this, into);
    }

    /** Events run since the start of the run. */
    public long eventsRun() {
        return simulation.eventsRun();
    }

    /** Runs one event without publishing reports (a replay, which publishes once at its end). */
    boolean stepQuietly() {
        return simulation.step();
    }

    /** A fresh simulation of the settings, started: every one built from them goes through the same states. */
    private Simulation build() {
        ScenarioOptions options = new ScenarioOptions(settings.nodes(), Set.of(), Long.MAX_VALUE / 4, 0, 60_000,
            settings.users(), settings.meanThinkMs(), 1, settings.canvasSize(), 0, false, ScenarioOptions.Churn.NONE,
            settings.sharding());
        Simulation built = new Simulation(settings.seed(), options, config -> config
            .heartbeatMs(settings.heartbeatMs())
            .suspectAfterMs(settings.failureTimeoutMs() * 2 / 3)
            .failureTimeoutMs(settings.failureTimeoutMs())
            .coordinatorTimeoutMs(settings.failureTimeoutMs())
            // The class sees the first election at once (within 3 s of opening, even in slow motion): the nodes all
            // start together, so there is no cluster to listen for first.
            .joinGraceMs(FIRST_ELECTION_AFTER_MS)
            .answerTimeoutMs(ANSWER_TIMEOUT_MS)
            .gossipMs(5_000));
        built.network().setAllLinks(healthy);
        built.addEventListener(inbox::emit);
        built.addEventListener(breakpoint::heard);
        built.startAll();
        built.startWorkload();
        return built;
    }

    /**
     * Goes back one event: a fresh simulation of the same seed runs to the event before this one, the presenter's
     * actions done again at the points they were done, so it lands in exactly the state the cluster was in then.
     * Its events go to the inbox again, from the start: the caller clears what it showed first. Paused afterwards.
     * False at the very start.
     */
    @Override
    public boolean stepBack() {
        long target = simulation.eventsRun() - 1;
        if (target < 0) {
            return false;
        }
        journal.forgetAfter(target);
        rewind(target);
        return true;
    }

    /** A fresh simulation replayed from the start to {@code events} events, with the journal's actions; paused. */
    private void rewind(long events) {
        faults.clear();
        simulation = build();
        presets = new ScenarioPresets(simulation);
        journal.replay(this, events);
        paused = true;
        clock = simulation.now();
        publishReports();
    }

    @Override
    public boolean canStepBack() {
        return true;
    }

    /** Does {@code act} to this cluster now, and remembers it for stepping back and branching. */
    private void act(Consumer<SimulatedCluster> act) {
        journal.record(simulation.eventsRun(), act);
        act.accept(this);
    }

    /** Does {@code work} now and gives its result; remembered as {@link #act} is (a replay drops the result). */
    private <T> T result(Function<SimulatedCluster, T> work) {
        journal.record(simulation.eventsRun(), work::apply);
        return work.apply(this);
    }

    // ---------------------------------------------------------------- playback

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void setPaused(boolean paused) {
        this.paused = paused;
        clock = simulation.now();
    }

    @Override
    public boolean step() {
        boolean ran = judgedStep();
        clock = simulation.now();
        publishReports();
        return ran;
    }

    /**
     * Makes the run pause itself right after the first event following which {@code when} holds ({@code when} is
     * given the events that step made), or at cluster time {@code atMs}, whichever comes first: a lesson stops on the
     * very event its caption talks about, not at the end of a frame. Replaces any earlier one.
     */
    public void pauseWhen(Predicate<List<NodeEvent>> when, long atMs) {
        breakpoint.set(when, atMs);
    }

    /** Forgets the breakpoint. */
    public void clearPauseWhen() {
        breakpoint.clear();
    }

    /** True (once) after the run paused itself for {@link #pauseWhen}. */
    public boolean pausedAtBreakpoint() {
        return breakpoint.takeHit();
    }

    /** Runs one event; if it brings the breakpoint's moment, pauses there. */
    private boolean judgedStep() {
        boolean ran = breakpoint.judge(simulation::step);
        if (breakpoint.hit()) {
            paused = true;
        }
        return ran;
    }

    private void stopAtBreakpoint() {
        breakpoint.reached();
        paused = true;
    }

    @Override
    public String next() {
        return simulation.describeNext();
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public void setSpeed(double factor) {
        speed = Playback.checkedSpeed(factor);
    }

    @Override
    public void advance(long realMs) {
        if (paused || realMs <= 0) {
            return;
        }
        double target = Math.max(clock, simulation.now()) + realMs * speed;
        boolean atTime = target >= breakpoint.atMs();
        if (atTime) {
            target = breakpoint.atMs();
        }
        if (runUntil(target)) {
            clock = simulation.now();
        } else {
            clock = target;
            if (atTime) {
                stopAtBreakpoint();
            }
        }
        publishReports();
    }

    /**
     * Runs the events due by {@code target}, a frame's worth at most; true if that limit, or the breakpoint's
     * moment, stopped it first.
     */
    private boolean runUntil(double target) {
        int ran = 0;
        while (simulation.nextAt() <= target && ran < MAX_EVENTS_PER_FRAME && !breakpoint.hit() && judgedStep()) {
            ran++;
        }
        return ran == MAX_EVENTS_PER_FRAME || breakpoint.hit();
    }

    /** When the next event is due (virtual ms); {@link Long#MAX_VALUE} when nothing is left to run. */
    public long nextAt() {
        return simulation.nextAt();
    }

    /**
     * Runs every event due at or before {@code virtualMs} and stops the clock there, paused: two branches run to
     * the same moment compare like for like.
     */
    public void runTo(long virtualMs) {
        paused = true;
        runUntil(virtualMs);
        clock = Math.max(clock, Math.min(virtualMs, simulation.nextAt()));
        publishReports();
    }

    @Override
    public long now() {
        return (long) Math.max(clock, simulation.now());
    }

    private void publishReports() {
        for (int id : simulation.nodeIds()) {
            if (simulation.isUp(id)) {
                inbox.report(simulation.report(id));
            }
        }
    }

    // ---------------------------------------------------------------- faults

    @Override
    public List<Integer> nodes() {
        return simulation.nodeIds();
    }

    @Override
    public boolean isRunning(int node) {
        return simulation.isUp(node);
    }

    @Override
    public boolean canRemove(int node) {
        return true;
    }

    /** Asks a live member other than {@code node} to remove it, as an operator would; it commits in virtual time. */
    @Override
    public CompletableFuture<String> remove(int node) {
        Optional<Integer> through = simulation.nodeIds().stream()
            .filter(id -> id != node && simulation.isUp(id) && simulation.report(id).member()).findFirst();
        if (through.isEmpty()) {
            return CompletableFuture.completedFuture("no live member is left to ask");
        }
        int member = through.get();
        return result(c -> FaultControls.told(node, c.simulation.removeMember(member, node, 15_000)));
    }

    @Override
    public void kill(int node) {
        act(c -> c.simulation.crash(node));
    }

    @Override
    public void restart(int node) {
        act(c -> c.simulation.restart(node));
        publishReports();
    }

    @Override
    public void partition(List<Set<Integer>> groups) {
        act(c -> ScenarioPresets.partition(c.simulation, groups));
    }

    @Override
    public void heal() {
        act(c -> c.simulation.healPartition());
    }

    @Override
    public void setLink(int from, int to, LinkConditions fault) {
        act(c -> {
            c.faults.put(key(from, to), fault);
            c.simulation.network().setLink(from, to, fault.on(c.healthy));
        });
    }

    @Override
    public LinkConditions link(int from, int to) {
        return faults.getOrDefault(key(from, to), LinkConditions.NONE);
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    // ---------------------------------------------------------------- scenarios and painting

    /** Starts a ready-made scenario now; its later steps are queued as labelled events (they show in "next"). */
    public void play(Scenario scenario) {
        act(c -> c.presets.start(scenario));
    }

    /** How the demo was set up (its nodes, timings and shards). */
    public DemoSettings settings() {
        return settings;
    }

    /** The canvas's side, in pixels. */
    public int canvasSize() {
        return simulation.options().canvasSize();
    }

    /**
     * The running node that leads in the newest epoch, if any: one whose leadership a majority promised (a
     * candidate cut off in a minority may call itself leader, but never gets that far).
     */
    public Optional<Integer> leader() {
        return presets.leader();
    }

    /** What running node {@code node} reports of itself now (its peers as its failure detector sees them). */
    public Optional<NodeReport> report(int node) {
        return simulation.isUp(node) ? Optional.of(simulation.report(node)) : Optional.empty();
    }

    /** Places a pixel through {@code node}, as one of its clients. */
    public CompletableFuture<PlaceResult> place(int node, String user, int x, int y, Color color) {
        return result(c -> c.simulation.place(node, user, x, y, color));
    }

    /** What a running node last published: its canvas (demo mode draws every replica side by side). */
    public Optional<ReadView> view(int node) {
        return simulation.isUp(node) ? Optional.of(simulation.view(node)) : Optional.empty();
    }

    /** The first broken invariant, if the simulator's checker found one (it never should). */
    public Optional<Violation> violation() {
        return Optional.ofNullable(simulation.violation());
    }
}

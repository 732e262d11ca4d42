package org.distriplace.app.runtime;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.distriplace.core.model.Membership;
import org.distriplace.core.node.NodeReport;
import org.distriplace.core.runtime.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node on its way out (the app quits, SIGTERM): if it is a member of a cluster with others, it first asks for its
 * own removal and waits a bounded time for it to commit, so the players who stay keep a majority. A leaving leader's
 * removal is committed by itself, and the members elect another at once. If it cannot commit, the node says so and
 * stops anyway.
 */
public final class Departure {

    /** How long quitting waits for the removal: a commit takes a round trip; without a majority it never comes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Departure.class);

    /** How it went, in a sentence for the log and the console. */
    public record Outcome(Result result, String message) {
    }

    /** Left the cluster; had no one to leave to (not a member, or the only one); or could not leave. */
    public enum Result { LEFT, NOTHING_TO_LEAVE, FAILED }

    private Departure() {
    }

    /** Leaves if there is anyone to leave to; logs and returns the outcome. Never throws. */
    public static Outcome leave(Node node, Duration timeout) {
        Outcome outcome = attempt(node, timeout);
        if (outcome.result() == Result.FAILED) {
            LOG.warn(outcome.message());
        } else {
            LOG.info(outcome.message());
        }
        return outcome;
    }

    private static Outcome attempt(Node node, Duration timeout) {
        int id = node.id();
        try {
            NodeReport report = node.report().get(2, TimeUnit.SECONDS);
            if (!report.member()) {
                return new Outcome(Result.NOTHING_TO_LEAVE, "node " + id + " is not a member of a cluster: nothing to "
                    + "leave");
            }
            if (report.membership().size() == 1) {
                return new Outcome(Result.NOTHING_TO_LEAVE, "node " + id + " is its cluster's only member: nothing to "
                    + "leave; the canvas stays on disk");
            }
            LOG.info("node {} leaves configuration {} {} (waiting up to {} s)", id, report.membership().version(),
                report.membership().members(), timeout.toSeconds());
            Membership without = node.leave(timeout.toMillis()).get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            return new Outcome(Result.LEFT, "node " + id + " left the cluster: configuration " + without.version()
                + " is " + without.members());
        } catch (ExecutionException e) {
            return new Outcome(Result.FAILED, "node " + id + " could not leave the cluster ("
                + e.getCause().getMessage() + "); it stops anyway, and its peers count it as down until it is removed");
        } catch (TimeoutException | RuntimeException e) {
            return new Outcome(Result.FAILED, "node " + id + " did not answer while leaving (" + e + "); it stops "
                + "anyway");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Result.FAILED, "node " + id + " was interrupted while leaving; it stops anyway");
        }
    }
}

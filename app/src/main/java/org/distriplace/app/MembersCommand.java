package org.distriplace.app;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distriplace.core.api.OperatorClient;
import org.distriplace.core.api.OperatorClient.OperatorException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code distri-place members list|remove}: what an operator sees of a running cluster's membership, and the removal
 * of a member that will not come back (its machine is gone), through any member's HTTP port.
 */
@Command(name = "members", header = "List a running cluster's members, or remove one that will not come back.",
    mixinStandardHelpOptions = true,
    subcommands = {MembersCommand.ListMembers.class, MembersCommand.RemoveMember.class},
    description = {
        "Talks to any member over its HTTP port. A removal is proven with the",
        "cluster secret (an HMAC over a one-time challenge; the secret never",
        "crosses the wire) and commits like a join: one member per change, on a",
        "majority. Members that quit the app or get SIGTERM leave by themselves;",
        "remove only those that died for good.",
        "",
    })
public final class MembersCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code members list}. */
    @Command(name = "list", header = "List the members as one node sees them: address, liveness, the leader.",
        mixinStandardHelpOptions = true)
    static final class ListMembers implements Callable<Integer> {

        @Option(names = "--node", required = true, paramLabel = "HOST:HTTP_PORT",
            description = "Any member's HTTP address, as its window title or browser URL shows it.")
        String node;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            try {
                OperatorClient.ClusterView view = new OperatorClient(node).cluster();
                out.printf(Locale.ROOT, "configuration %d as node %d sees it%s%n", view.configVersion(),
                    view.nodeId(), view.member() ? "" : " (node " + view.nodeId() + " is not a member itself)");
                out.printf(Locale.ROOT, "%6s  %-24s %s%n", "ID", "PEER ADDRESS", "STATUS");
                for (OperatorClient.Member member : view.members()) {
                    out.printf(Locale.ROOT, "%6d  %-24s %s%s%n", member.id(),
                        member.peerAddress().isEmpty() ? "-" : member.peerAddress(), member.status(),
                        member.id() == view.leaderId() ? ", leader" : "");
                }
                out.flush();
                return 0;
            } catch (OperatorException e) {
                return failed(spec, e);
            }
        }
    }

    /** {@code members remove ID}. */
    @Command(name = "remove", header = "Remove a member that will not come back.", mixinStandardHelpOptions = true)
    static final class RemoveMember implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "ID", description = "The member to remove.")
        int target;

        @Option(names = "--node", required = true, paramLabel = "HOST:HTTP_PORT",
            description = "Any other member's HTTP address (a node does not remove itself: stop it instead).")
        String node;

        @Option(names = "--cluster-secret", defaultValue = "${env:DISTRI_PLACE_SECRET:-" + SecretOptions.DEFAULT_SECRET
            + "}", description = "The cluster's shared secret (default: $DISTRI_PLACE_SECRET, else the development "
            + "secret).")
        String secret;

        @Option(names = "--timeout", defaultValue = "15s", paramLabel = "DURATION",
            description = "How long to wait for the change to commit (default: ${DEFAULT-VALUE}).")
        String timeout;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            long timeoutMs;
            try {
                timeoutMs = Math.max(1, DurationText.parse(timeout).toMillis());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
            }
            try {
                OperatorClient.Removed removed = new OperatorClient(node).remove(target, secret, timeoutMs);
                spec.commandLine().getOut().printf(Locale.ROOT, "removed node %d: configuration %d is %s%n",
                    removed.target(), removed.version(), removed.members());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (OperatorException e) {
                return failed(spec, e);
            }
        }
    }

    private static int failed(CommandLine.Model.CommandSpec spec, OperatorException e) {
        spec.commandLine().getErr().println("distri-place members: " + e.code() + ": " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
    }
}

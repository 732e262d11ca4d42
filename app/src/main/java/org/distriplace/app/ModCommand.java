package org.distriplace.app;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distriplace.core.api.ModeratorClient;
import org.distriplace.core.api.OperatorClient.OperatorException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code distri-place mod ban|unban|bans|rollback}: a moderator's tools, through any node's HTTP port, logged in as
 * their account (one the nodes name with {@code --moderators}).
 */
@Command(name = "mod", header = "Ban, unban and roll back players, as a moderator.", mixinStandardHelpOptions = true,
    subcommands = {ModCommand.BanPlayer.class, ModCommand.UnbanPlayer.class, ModCommand.ListBans.class,
        ModCommand.Rollback.class},
    description = {
        "Logs in as your moderator account on any node. A ban or an unban commits",
        "through the cluster like a pixel: a banned player's placements stop on",
        "every node at once. A rollback restores, as ordinary writes marked as",
        "moderation (mod:YOU in the history), the colours history shows before a",
        "player's placements in a window (those nobody painted over since), or",
        "an area as it was at a time.",
        "",
    })
public final class ModCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** How every moderation command reaches a node and logs in. */
    static final class Login {
        @Option(names = "--node", required = true, paramLabel = "HOST:HTTP_PORT",
            description = "Any node's HTTP address, as its window title or browser URL shows it.")
        String node;

        @Option(names = "--as", required = true, paramLabel = "NAME", description = "Your moderator account.")
        String name;

        @Option(names = "--password", interactive = true, arity = "0..1", paramLabel = "PASSWORD",
            description = "Your account's password (asked for when not given; $DISTRI_PLACE_PASSWORD otherwise).")
        String password;

        ModeratorClient logIn() throws OperatorException, InterruptedException {
            String secret = password != null ? password : System.getenv("DISTRI_PLACE_PASSWORD");
            if (secret == null) {
                throw new OperatorException("NO_PASSWORD", "give --password (it is asked for at a terminal) or set "
                    + "DISTRI_PLACE_PASSWORD");
            }
            ModeratorClient client = new ModeratorClient(node);
            client.logIn(name, secret);
            return client;
        }
    }

    /** One moderation action: logs in, acts, and prints what came of it (or the node's refusal). */
    abstract static class LoggedInAction implements Callable<Integer> {
        @CommandLine.Mixin
        Login login;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** What to do, logged in; returns the line to print. */
        abstract String act(ModeratorClient client) throws OperatorException, InterruptedException;

        @Override
        public Integer call() throws InterruptedException {
            try {
                PrintWriter out = spec.commandLine().getOut();
                out.println(act(login.logIn()));
                out.flush();
                return 0;
            } catch (OperatorException e) {
                spec.commandLine().getErr().println("distri-place mod: " + e.code() + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
    }

    @Command(name = "ban", header = "Stop a player's placements everywhere.", mixinStandardHelpOptions = true)
    static final class BanPlayer extends LoggedInAction {
        @Parameters(index = "0", paramLabel = "PLAYER", description = "The player's id (an account name, guest-…).")
        String player;

        @Option(names = "--reason", defaultValue = "", description = "Why (shown to moderators).")
        String reason;

        @Override
        String act(ModeratorClient client) throws OperatorException, InterruptedException {
            client.ban(player, reason);
            return "banned " + player;
        }
    }

    @Command(name = "unban", header = "Let a banned player place again.", mixinStandardHelpOptions = true)
    static final class UnbanPlayer extends LoggedInAction {
        @Parameters(index = "0", paramLabel = "PLAYER", description = "The player's id.")
        String player;

        @Override
        String act(ModeratorClient client) throws OperatorException, InterruptedException {
            client.unban(player);
            return "unbanned " + player;
        }
    }

    @Command(name = "bans", header = "List the bans in force.", mixinStandardHelpOptions = true)
    static final class ListBans extends LoggedInAction {
        @Override
        String act(ModeratorClient client) throws OperatorException, InterruptedException {
            List<ModeratorClient.Ban> bans = client.bans();
            if (bans.isEmpty()) {
                return "no bans in force";
            }
            List<List<String>> rows = new java.util.ArrayList<>(List.of(List.of("PLAYER", "BANNED BY", "AT",
                "REASON")));
            bans.forEach(ban -> rows.add(List.of(ban.username(), ban.by(), ban.at(), ban.reason())));
            return table(rows);
        }
    }

    /** Rows as columns as wide as their widest cell, two spaces apart (the last column as it is). */
    static String table(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size() - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i < row.size() - 1 ? String.format(Locale.ROOT, "%-" + (widths[i] + 2) + "s", row.get(i))
                    : row.get(i));
            }
            text.append(text.length() == 0 ? "" : "\n").append(line.toString().stripTrailing());
        }
        return text.toString();
    }

    @Command(name = "rollback", header = "Undo a player's placements in a window, or put an area back as it was.",
        mixinStandardHelpOptions = true)
    static final class Rollback extends LoggedInAction {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PLAYER",
            description = "The player whose placements between --from and --to to undo.")
        String player;

        @Option(names = "--from", paramLabel = "ISO-8601", description = "The window's start (with PLAYER).")
        String from;

        @Option(names = "--to", paramLabel = "ISO-8601", description = "The window's end (with PLAYER; default: now).")
        String to;

        @Option(names = "--region", paramLabel = "X,Y,W,H", description = "An area to put back (with --time).")
        String region;

        @Option(names = "--time", paramLabel = "ISO-8601", description = "When the area looked right.")
        String time;

        @Override
        public Integer call() throws InterruptedException {
            boolean ofPlayer = player != null && from != null && region == null && time == null;
            boolean ofArea = player == null && region != null && time != null && from == null && to == null;
            if (!ofPlayer && !ofArea) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give PLAYER --from TIME [--to TIME], "
                    + "or --region X,Y,W,H --time TIME");
            }
            return super.call();
        }

        @Override
        String act(ModeratorClient client) throws OperatorException, InterruptedException {
            ModeratorClient.Rollback done = player != null
                ? client.rollbackPlayer(player, from, to != null ? to : Instant.now().toString())
                : client.rollbackArea(region, time);
            return String.format(Locale.ROOT, "restored %d of %d pixels", done.restored(), done.planned());
        }
    }
}

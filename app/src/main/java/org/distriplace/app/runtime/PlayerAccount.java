package org.distriplace.app.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.distriplace.core.api.AccountTokens;
import org.distriplace.core.api.PasswordHashes;
import org.distriplace.core.model.AccountChange;
import org.distriplace.core.node.PlaceError;
import org.distriplace.core.node.PlaceException;
import org.distriplace.core.read.Accounts;
import org.distriplace.core.runtime.Node;

/**
 * The desktop player's account. The app paints through its own node, but as an account like any browser player's,
 * so the player's cooldown is the same on every node and device. The name comes from the preferences; the password
 * is this installation's player key (a random secret in a file only its owner can read), so the app claims only an
 * account it made itself: a name another player registered stays theirs, and the app then paints as a guest and
 * says so.
 */
public final class PlayerAccount {

    /** What the app paints as, and what to tell the player. */
    public record Claim(String userId, boolean own, String note) {
    }

    private static final long RETRY_MS = 2_000;
    private static final int ATTEMPTS = 60;
    private static final String KEY_FILE = "player.key";

    private PlayerAccount() {
    }

    /**
     * An account name made from what the player typed (or their login name): lower case, anything outside
     * {@code a-z 0-9 _} as {@code _}, padded to 3 and cut to 24 characters.
     */
    public static String accountName(String preferred) {
        String name = preferred.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        while (name.length() < 3) {
            name += "_";
        }
        return name.length() > 24 ? name.substring(0, 24) : name;
    }

    /** This installation's player key, made on first use in {@code home}, readable by its owner only. */
    public static String key(Path home) {
        Path file = home.resolve(KEY_FILE);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            OwnerOnly.directory(home);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            if (Files.getFileAttributeView(home, PosixFileAttributeView.class) != null) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the player key in " + file, e);
        }
    }

    /**
     * Claims account {@code name} with {@code key} through {@code node}: registers it if nobody has, or checks the
     * key against it. Retries while the node is not ready or has no majority; completes with the account to paint
     * as, or a guest id (stable for this key) when the name is another player's. Hashing runs on {@code hashing}.
     */
    public static CompletableFuture<Claim> claim(Node node, String name, String key, Executor hashing) {
        if (!AccountTokens.NAME.matcher(name).matches()) {
            return CompletableFuture.completedFuture(guest(key, "'" + name + "' cannot be an account name (3 to 24 of "
                + "a-z 0-9 _): you paint as a guest; choose another name in Preferences"));
        }
        return attempt(node, name, key, hashing, 1);
    }

    private static CompletableFuture<Claim> attempt(Node node, String name, String key, Executor hashing, int tries) {
        Optional<Accounts.Account> known = node.view().accounts().account(name);
        if (known.isPresent()) {
            return CompletableFuture.supplyAsync(() -> PasswordHashes.matches(key, known.get().passwordHash()),
                hashing).thenApply(mine -> mine ? own(name) : taken(name, key));
        }
        return CompletableFuture.supplyAsync(() -> PasswordHashes.hash(key), hashing)
            .thenCompose(hash -> node.changeAccount(AccountChange.register(name, hash)))
            .handle((entry, failure) -> {
                if (failure == null) {
                    return CompletableFuture.completedFuture(own(name));
                }
                Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                boolean later = cause instanceof PlaceException refused && (refused.code() == PlaceError.NOT_READY
                    || refused.code() == PlaceError.NO_QUORUM || refused.code() == PlaceError.NAME_TAKEN);
                if (!later || tries >= ATTEMPTS || node.isClosed()) {
                    return CompletableFuture.completedFuture(guest(key, "your account could not be made ("
                        + cause.getMessage() + "): you paint as a guest for now"));
                }
                // Not caught up yet, or the name was registered meanwhile (perhaps by this very key, elsewhere):
                // look again once the node knows more.
                Executor afterAWhile = CompletableFuture.delayedExecutor(RETRY_MS, TimeUnit.MILLISECONDS);
                return CompletableFuture.supplyAsync(() -> null, afterAWhile)
                    .thenCompose(ignored -> attempt(node, name, key, hashing, tries + 1));
            }).thenCompose(next -> next);
    }

    private static Claim own(String name) {
        return new Claim(name, true, "Playing as " + name + ": your cooldown follows you to every node.");
    }

    private static Claim taken(String name, String key) {
        return guest(key, "'" + name + "' is another player's account in this cluster: you paint as a guest; "
            + "choose another name in Preferences");
    }

    /** A guest id of this installation's, for painting before (or instead of) its account. */
    public static Claim guest(String key, String note) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return new Claim("guest-" + HexFormat.of().formatHex(digest, 0, 8), false, note);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

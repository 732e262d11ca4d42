package org.distriplace.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The cluster secret, from the command line, {@code $DISTRI_PLACE_SECRET} or a file of its own: peers prove it to
 * each other, and every server of a canvas (node or edge) signs players' sessions with it.
 */
final class SecretOptions {

    private static final Logger LOG = LoggerFactory.getLogger(SecretOptions.class);
    static final String DEFAULT_SECRET = "distri-place-dev";
    /** The secret the package's config file and the docs once shipped: known to everyone, so never accepted. */
    static final Set<String> PLACEHOLDER_SECRETS = Set.of("change-me");

    @Option(names = "--cluster-secret", defaultValue = "${env:DISTRI_PLACE_SECRET:-" + DEFAULT_SECRET + "}",
        description = "Shared secret peers prove before anything is accepted, and every server signs sessions with "
            + "(default: $DISTRI_PLACE_SECRET, else a development secret, with a warning).")
    String secret;

    @Option(names = "--cluster-secret-file", paramLabel = "FILE", description = "Read the cluster secret from FILE "
        + "(its first line) instead, as the package's service does: a secret kept apart from the other settings, "
        + "readable by the service alone.")
    Path secretFile;

    /** Takes the secret from {@code --cluster-secret-file}, once; a file that cannot serve is a usage error. */
    void load(CommandLine command) {
        if (secretFile == null) {
            return;
        }
        String first;
        try {
            first = Files.readString(secretFile).lines().findFirst().orElse("").strip();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CommandLine.ParameterException(command, "--cluster-secret-file: cannot read "
                + secretFile + " (" + OneLineErrors.describe(e) + ")");
        }
        if (first.isEmpty()) {
            throw new CommandLine.ParameterException(command, "--cluster-secret-file: " + secretFile
                + " is empty; its first line is the cluster secret");
        }
        secret = first;
        secretFile = null;
    }

    /**
     * Refuses a placeholder secret (a usage error: anyone could join the cluster, paint as it and read its
     * accounts), and the development one where {@code reachableBind} is given and not a loopback address; warns
     * about the development one otherwise.
     *
     * @param what what runs, for the message ("a node", "an edge")
     */
    void check(CommandLine command, String reachableBind, String what) {
        load(command);
        if (PLACEHOLDER_SECRETS.contains(secret.trim())) {
            throw new CommandLine.ParameterException(command, "--cluster-secret: '" + secret.trim()
                + "' is a placeholder everyone knows; set a secret of your own (e.g. the output of `openssl rand "
                + "-hex 24`) in the config file or with --cluster-secret");
        }
        if (reachableBind != null && secret.equals(DEFAULT_SECRET) && !isLoopback(reachableBind)) {
            throw new CommandLine.ParameterException(command, "--cluster-secret: " + what + " listening on "
                + reachableBind + " needs a secret of its own (the built-in development one is known to everyone): "
                + "set --cluster-secret or $DISTRI_PLACE_SECRET, or --bind 127.0.0.1 to try it alone");
        }
        if (secret.equals(DEFAULT_SECRET)) {
            LOG.warn("using the development cluster secret: set --cluster-secret or $DISTRI_PLACE_SECRET");
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}

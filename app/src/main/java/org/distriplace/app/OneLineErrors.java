package org.distriplace.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * What a command says when it fails while running (a data directory another node holds, a port in use, a file it
 * may not read): one line on standard error naming the command and the cause, and exit status 1. The trace goes to
 * the log at debug level; only a failure that can only be a bug (not one of the kinds a user can cause and fix) is
 * logged with its trace, for the report.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        if (usersToFix(failure)) {
            LOG.debug("{} failed", command.getCommandSpec().qualifiedName(), failure);
        } else {
            LOG.error("{} failed unexpectedly", command.getCommandSpec().qualifiedName(), failure);
        }
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(failure));
        command.getErr().flush();
        return 1;
    }

    /** The failure in one line: its own message, then its root cause's where that adds something. */
    static String describe(Throwable failure) {
        String top = message(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = message(root);
        return root == failure || top.contains(cause) ? top : top + ": " + cause;
    }

    private static String message(Throwable failure) {
        if (failure instanceof FileSystemException file && file.getReason() == null) {
            String what = failure instanceof AccessDeniedException ? "permission denied"
                : failure instanceof NoSuchFileException ? "no such file or directory" : "cannot be used";
            return file.getFile() + ": " + what;
        }
        String text = failure.getMessage();
        return text == null || text.isBlank() ? failure.getClass().getSimpleName() : text.strip().lines()
            .findFirst().orElse(text);
    }

    private static boolean usersToFix(Throwable failure) {
        return failure instanceof IllegalStateException || failure instanceof IllegalArgumentException
            || failure instanceof IOException || failure instanceof UncheckedIOException
            || failure instanceof BindException;
    }
}

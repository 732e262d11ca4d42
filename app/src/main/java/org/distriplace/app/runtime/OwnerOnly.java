package org.distriplace.app.runtime;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories only their owner may read: a node's data (its database holds the accounts' password hashes), its log,
 * and the desktop app's home. Created so, and tightened when an older version left them readable by everyone.
 * Where the file system has no POSIX permissions (Windows), the user's profile already keeps them private.
 */
public final class OwnerOnly {

    private OwnerOnly() {
    }

    /** Creates {@code dir} (and its parents) if needed, and makes {@code dir} itself {@code rwx------}. */
    public static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }
}

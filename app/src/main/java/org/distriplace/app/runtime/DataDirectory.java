package org.distriplace.app.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A node's data directory, held with an exclusive file lock for as long as the node runs: two nodes writing one
 * database would corrupt each other's view of what was committed.
 */
final class DataDirectory implements AutoCloseable {

    private static final String LOCK_FILE = "node.lock";
    private static final int MAX_ALTERNATIVES = 50;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir}, creating it; fails with a clear message if another node holds it. */
    static DataDirectory lock(Path dir) {
        DataDirectory locked = tryLock(dir);
        if (locked == null) {
            throw new IllegalStateException("the data directory " + dir + " is in use by another running node");
        }
        return locked;
    }

    /** Locks {@code dir}, or if another node holds it, the first free of {@code dir-2}, {@code dir-3}, … */
    static DataDirectory lockFirstFree(Path dir) {
        for (int n = 1; n <= MAX_ALTERNATIVES; n++) {
            Path candidate = n == 1 ? dir : dir.resolveSibling(dir.getFileName() + "-" + n);
            DataDirectory locked = tryLock(candidate);
            if (locked != null) {
                return locked;
            }
        }
        throw new IllegalStateException("no free data directory next to " + dir);
    }

    /** Locks {@code dir} if it exists and no node holds it; null otherwise. */
    static DataDirectory tryLockExisting(Path dir) {
        return Files.isDirectory(dir) ? tryLock(dir) : null;
    }

    private static DataDirectory tryLock(Path dir) {
        try {
            OwnerOnly.directory(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new DataDirectory(dir, channel, lock);
                }
            } catch (OverlappingFileLockException heldInThisProcess) {
                // Demo mode and tests run several nodes in one JVM: a lock held here is just as taken.
            }
            channel.close();
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the data directory " + dir, e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

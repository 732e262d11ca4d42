package org.distriplace.edge.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the system's server programs, or says which package brings them. */
final class Binaries {

    private Binaries() {
    }

    /** {@code program} on the PATH (or in /usr/sbin, /usr/bin), else {@link MissingPackage} naming {@code pkg}. */
    static Path onPath(String program, String pkg) throws MissingPackage {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new MissingPackage(program, "sudo apt-get install -y " + pkg);
    }

    /** The newest PostgreSQL's directory of programs (Debian keeps them in /usr/lib/postgresql/VERSION/bin). */
    static Path postgres() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(Binaries::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        Path initdb = onPath("initdb", "postgresql");
        return initdb.getParent();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

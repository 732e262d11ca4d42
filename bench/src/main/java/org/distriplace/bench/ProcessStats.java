package org.distriplace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and resident memory, from /proc (NaN where the kernel does not say). */
final class ProcessStats {

    private ProcessStats() {
    }

    /** CPU seconds (user and system) process {@code pid} has used, with its descendants' if asked. */
    static double cpuSeconds(long pid, boolean withDescendants) {
        double seconds = ownCpuSeconds(pid);
        if (withDescendants) {
            seconds += ProcessHandle.of(pid).map(process -> process.descendants()
                .mapToDouble(child -> ownCpuSeconds(child.pid())).filter(value -> !Double.isNaN(value)).sum())
                .orElse(0.0);
        }
        return seconds;
    }

    private static double ownCpuSeconds(long pid) {
        try {
            String[] stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).replaceAll(".*\\) ", "")
                .split(" ");
            return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident memory of process {@code pid}, in MiB. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}

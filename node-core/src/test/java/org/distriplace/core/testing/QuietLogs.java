package org.distriplace.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Silences the project's logs for fuzz targets: a refusal logged per input would be most of a run's time. */
public final class QuietLogs {

    private QuietLogs() {
    }

    public static void silence() {
        ((Logger) LoggerFactory.getLogger("org.distriplace")).setLevel(Level.OFF);
        ((Logger) LoggerFactory.getLogger("io.netty")).setLevel(Level.OFF);
    }
}

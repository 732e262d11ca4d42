package org.distriplace.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A build whose nodes a phase measures: its name in the report, and the class path its nodes run on.
 *
 * @param name      "reference" or "this build"
 * @param classPath what the node processes run
 */
record Build(String name, String classPath) {

    /** The reference build first (when one is given), then this one: the order phases measure them side by side. */
    static List<Build> compared(String referenceClassPath) {
        List<Build> builds = new ArrayList<>();
        if (referenceClassPath != null) {
            builds.add(new Build("reference", referenceClassPath));
        }
        builds.add(new Build("this build", System.getProperty("java.class.path")));
        return builds;
    }
}

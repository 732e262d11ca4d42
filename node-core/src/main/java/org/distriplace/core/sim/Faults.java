package org.distriplace.core.sim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The kinds of fault a scenario may inject during its safety phase. */
public enum Faults {
    DROP, DELAY, DUPLICATE, REORDER, PARTITION, CRASH;

    /** Parses a comma-separated list ({@code drop,partition}), {@code all} or {@code none}. */
    public static Set<Faults> parse(String list) {
        String text = list.trim().toLowerCase(Locale.ROOT);
        if (text.equals("all")) {
            return EnumSet.allOf(Faults.class);
        }
        EnumSet<Faults> faults = EnumSet.noneOf(Faults.class);
        if (text.isEmpty() || text.equals("none")) {
            return faults;
        }
        for (String name : text.split(",")) {
            try {
                faults.add(Faults.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fault '" + name.trim() + "'; known: all, none, "
                    + EnumSet.allOf(Faults.class).stream().map(f -> f.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
            }
        }
        return faults;
    }

    public static String format(Set<Faults> faults) {
        if (faults.containsAll(EnumSet.allOf(Faults.class))) {
            return "all";
        }
        if (faults.isEmpty()) {
            return "none";
        }
        return faults.stream().map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }
}

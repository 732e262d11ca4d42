package org.distriplace.core.wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users a compact message names, written once each before the items that refer to them by index: its size,
 * then each id as a string. Pure and not thread-safe.
 */
final class UserTable {

    /** Longest user id a frame may carry (ids are 16 hex digits or short account names). */
    static final int MAX_USER_BYTES = 256;

    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<String> users = new ArrayList<>();
    private final String[] read;

    private UserTable(String[] read) {
        this.read = read;
    }

    /** A table of {@code names}, in order of first appearance, for writing. */
    static UserTable of(Iterable<String> names) {
        UserTable table = new UserTable(null);
        for (String name : names) {
            if (table.indexes.putIfAbsent(name, table.users.size()) == null) {
                table.users.add(name);
            }
        }
        return table;
    }

    void write(Varints.Out out) {
        out.varint(users.size());
        users.forEach(out::string);
    }

    /** The index {@code name} is written as (it must be in the table). */
    int indexOf(String name) {
        return indexes.get(name);
    }

    /** A table as {@link #write} wrote it. */
    static UserTable read(Varints.In in) {
        String[] names = new String[in.count(1)];
        for (int i = 0; i < names.length; i++) {
            names[i] = in.string(MAX_USER_BYTES);
        }
        return new UserTable(names);
    }

    /** The user written as {@code index}; an {@link IllegalArgumentException} for one outside the table. */
    String name(int index) {
        if (index < 0 || index >= read.length) {
            throw new IllegalArgumentException("user " + index + " of a table of " + read.length);
        }
        return read[index];
    }
}

package org.distriplace.core.read;

import java.util.Arrays;
import java.util.Map;

/**
 * When each user last placed a pixel that committed (hybrid logical clock stamps), as an immutable map that is
 * cheap to extend: a hash array mapped trie (Bagwell, "Ideal Hash Trees", 2001) in which adding a user copies only
 * the few small nodes on its path, and every other node is shared with the map before. So the node can publish a
 * new one with every committed batch, and readers on other threads answer "how long must this user wait" without
 * asking the node. Thread-safe: nothing is written after construction.
 */
public final class PlacementTimes {

    public static final PlacementTimes EMPTY = new PlacementTimes(Branch.EMPTY, 0);

    private static final int BITS = 5;
    private static final int MASK = (1 << BITS) - 1;

    private record Entry(String user, int hash, long stamp) {
    }

    /** Users whose whole hashes are equal, kept side by side at the bottom of the trie. */
    private record Collision(int hash, Entry[] entries) {
    }

    /** Up to 32 slots, present ones packed in order of their bit in {@code bitmap}; a slot is any of the three. */
    private record Branch(int bitmap, Object[] slots) {
        static final Branch EMPTY = new Branch(0, new Object[0]);
    }

    private final Branch root;
    private final int size;

    private PlacementTimes(Branch root, int size) {
        this.root = root;
        this.size = size;
    }

    /** A map holding exactly these entries. */
    public static PlacementTimes of(Map<String, Long> stamps) {
        PlacementTimes times = EMPTY;
        for (Map.Entry<String, Long> entry : stamps.entrySet()) {
            times = times.with(entry.getKey(), entry.getValue());
        }
        return times;
    }

    /** Users in the map. */
    public int size() {
        return size;
    }

    /** The stamp of {@code user}'s latest committed placement, or 0 if none is known. */
    public long lastPlacement(String user) {
        int hash = hash(user);
        Object slot = root;
        for (int shift = 0; slot instanceof Branch branch; shift += BITS) {
            int bit = bit(hash, shift);
            if ((branch.bitmap() & bit) == 0) {
                return 0;
            }
            slot = branch.slots()[index(branch.bitmap(), bit)];
        }
        if (slot instanceof Entry entry) {
            return entry.user().equals(user) ? entry.stamp() : 0;
        }
        for (Entry entry : ((Collision) slot).entries()) {
            if (entry.user().equals(user)) {
                return entry.stamp();
            }
        }
        return 0;
    }

    /** This map with {@code user}'s placement at {@code stamp}, unless a later one is already known. */
    public PlacementTimes with(String user, long stamp) {
        int[] added = {0};
        Branch next = put(root, new Entry(user, hash(user), stamp), 0, added);
        return next == root ? this : new PlacementTimes(next, size + added[0]);
    }

    private static Branch put(Branch branch, Entry entry, int shift, int[] added) {
        int bit = bit(entry.hash(), shift);
        int at = index(branch.bitmap(), bit);
        if ((branch.bitmap() & bit) == 0) {
            added[0] = 1;
            Object[] slots = new Object[branch.slots().length + 1];
            System.arraycopy(branch.slots(), 0, slots, 0, at);
            slots[at] = entry;
            System.arraycopy(branch.slots(), at, slots, at + 1, branch.slots().length - at);
            return new Branch(branch.bitmap() | bit, slots);
        }
        Object slot = branch.slots()[at];
        Object next = slot instanceof Branch child ? put(child, entry, shift + BITS, added)
            : slot instanceof Entry existing ? merge(existing, entry, shift + BITS, added)
            : merge((Collision) slot, entry, shift + BITS, added);
        if (next == slot) {
            return branch;
        }
        Object[] slots = branch.slots().clone();
        slots[at] = next;
        return new Branch(branch.bitmap(), slots);
    }

    private static Object merge(Entry existing, Entry entry, int shift, int[] added) {
        if (existing.user().equals(entry.user())) {
            return entry.stamp() > existing.stamp() ? entry : existing;
        }
        added[0] = 1;
        if (existing.hash() == entry.hash()) {
            return new Collision(entry.hash(), new Entry[] {existing, entry});
        }
        return split(existing, existing.hash(), entry, shift);
    }

    private static Object merge(Collision collision, Entry entry, int shift, int[] added) {
        if (collision.hash() != entry.hash()) {
            added[0] = 1;
            return split(collision, collision.hash(), entry, shift);
        }
        Entry[] entries = collision.entries();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].user().equals(entry.user())) {
                if (entry.stamp() <= entries[i].stamp()) {
                    return collision;
                }
                Entry[] next = entries.clone();
                next[i] = entry;
                return new Collision(entry.hash(), next);
            }
        }
        added[0] = 1;
        Entry[] next = Arrays.copyOf(entries, entries.length + 1);
        next[entries.length] = entry;
        return new Collision(entry.hash(), next);
    }

    /** A branch holding two slots whose hashes differ (they part at this level or a deeper one). */
    private static Branch split(Object first, int firstHash, Entry second, int shift) {
        int a = bit(firstHash, shift);
        int b = bit(second.hash(), shift);
        if (a == b) {
            return new Branch(a, new Object[] {split(first, firstHash, second, shift + BITS)});
        }
        // Slots are packed in bit order, and bit 31 is the sign bit: compare unsigned.
        return new Branch(a | b, Integer.compareUnsigned(a, b) < 0 ? new Object[] {first, second}
            : new Object[] {second, first});
    }

    private static int hash(String user) {
        int h = user.hashCode();
        return h ^ (h >>> 16);
    }

    private static int bit(int hash, int shift) {
        return 1 << ((hash >>> shift) & MASK);
    }

    private static int index(int bitmap, int bit) {
        return Integer.bitCount(bitmap & (bit - 1));
    }
}

package org.distriplace.core.history;

/** Where {@link History} reads stored chunks from: the store's database, or memory (the simulator, tests). */
public interface ChunkSource {

    /** Receives one stored chunk. */
    @FunctionalInterface
    interface Visitor {
        void chunk(long seq, byte[] body);
    }

    /** Every stored chunk, in order of {@code seq}. */
    void forEach(Visitor visitor);

    /**
     * The chunks that may hold writes stamped after {@code after} and at most {@code through} (their stamps' range
     * meets that span), in order of {@code seq}.
     */
    void forEachBetween(long after, long through, Visitor visitor);

    /** The body of the chunk whose first write is ordinal {@code seq}, as stored now. */
    byte[] chunk(long seq);

    /** The name of the user numbered {@code id} in the chunks. */
    String userName(int id);
}

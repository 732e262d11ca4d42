package org.distriplace.edge;

import java.nio.charset.StandardCharsets;

/**
 * The canvas as Redis holds it: seed 2's one byte per pixel (the palette index), cut into horizontal bands of
 * whole rows, each band its own keys. A Redis Cluster places each band by its hash tag ({@code {ns:bN}}), so the
 * canvas spreads over the cluster's slots, and every key one placement touches but the player's cooldown shares
 * its band's slot. Each band orders its own placements: its sequence numbers and clock.
 */
public final class CanvasBands {

    /** At most this many bands: enough to spread a canvas over a cluster's masters. */
    static final int MAX_BANDS = 16;

    private final String namespace;
    private final int width;
    private final int height;
    private final int bandRows;
    private final int count;

    public CanvasBands(String namespace, int width, int height) {
        this.namespace = namespace;
        this.width = width;
        this.height = height;
        int bands = Math.min(MAX_BANDS, height);
        this.bandRows = (height + bands - 1) / bands;
        this.count = (height + bandRows - 1) / bandRows;
    }

    public int count() {
        return count;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int bandOf(int y) {
        return y / bandRows;
    }

    public int firstRow(int band) {
        return band * bandRows;
    }

    /** Rows in band {@code band} (the last may hold fewer). */
    public int rows(int band) {
        return Math.min(bandRows, height - firstRow(band));
    }

    /** The byte of pixel (x, y) within its band. */
    public int offset(int x, int y) {
        return (y - firstRow(bandOf(y))) * width + x;
    }

    /** Band {@code band}'s pixels: one byte each, row by row. */
    public byte[] canvasKey(int band) {
        return key(band, "canvas");
    }

    /** Band {@code band}'s clock: a hash of its last stamp ({@code ms}, {@code logical}) and sequence ({@code seq}). */
    public byte[] clockKey(int band) {
        return key(band, "clock");
    }

    /** Band {@code band}'s placements not yet known to be in the log: sequence number to record. */
    public byte[] outboxKey(int band) {
        return key(band, "outbox");
    }

    /** The same placements by time (score: milliseconds), so the oldest are found first. */
    public byte[] outboxTimesKey(int band) {
        return key(band, "outbox-times");
    }

    /** A player's cooldown: present while they may not place. */
    public byte[] cooldownKey(String user) {
        return bytes(namespace + ":cooldown:" + user);
    }

    /** The Pub/Sub channel every placement is published on. */
    public byte[] channel() {
        return bytes(namespace + ":pixels");
    }

    /** Held by the one edge rebuilding the canvas from the log. */
    public String rebuildLock() {
        return namespace + ":rebuild";
    }

    /** Held by the one edge sending the outboxes' old placements to the log. */
    public String sweepLock() {
        return namespace + ":outbox-sweep";
    }

    /** Counts the edges that ever started, to number them. */
    public String edgeCounter() {
        return namespace + ":edges";
    }

    private byte[] key(int band, String what) {
        return bytes("{" + namespace + ":b" + band + "}:" + what);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package org.distriplace.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A LAN on this machine, made of Linux network namespaces: one per player, each with a veth pair into a bridge that
 * lives in a hub namespace of its own. Players get 10.213.77.N/24 and a multicast route, so they find each other by
 * real multicast; the hub also routes (unicast only) to a link into the test's own namespace, so the test can talk
 * HTTP to the players. Multicast (TTL 1) is never routed, so discovery never leaves the namespaces. Needs root and
 * iproute2; {@link #create} says why not where it cannot be made. Everything is removed on close.
 */
public final class VirtualLan implements AutoCloseable {

    /** Where the players are: 10.213.77.N; the hub is .1. */
    public static final String SUBNET = "10.213.77";
    private static final String UPLINK = "10.213.78";

    private final String prefix;
    private final String hub;
    private final List<String> namespaces = new ArrayList<>();
    private boolean routed;

    private VirtualLan(String prefix) {
        this.prefix = prefix;
        this.hub = prefix + "hub";
    }

    /** Makes the hub, or throws {@link Unavailable} saying why this machine cannot. */
    public static VirtualLan create() throws Unavailable {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            throw new Unavailable("network namespaces are a Linux feature");
        }
        String prefix = "dp" + (ProcessHandle.current().pid() % 10_000);
        VirtualLan lan = new VirtualLan(prefix);
        boolean taken;
        try {
            taken = !lan.output("ip", "route", "show", SUBNET + ".0/24").isBlank()
                || !lan.output("ip", "route", "show", UPLINK + ".0/24").isBlank();
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new Unavailable("cannot run iproute2's ip here: " + e.getMessage());
        }
        if (taken) {
            throw new Unavailable("this machine already routes " + SUBNET + ".0/24 or " + UPLINK + ".0/24");
        }
        try {
            lan.run("ip", "netns", "add", lan.hub);
            lan.namespaces.add(lan.hub);
            lan.inHub("ip", "link", "set", "lo", "up");
            lan.inHub("ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            lan.inHub("ip", "addr", "add", SUBNET + ".1/24", "dev", "br0");
            lan.inHub("ip", "link", "set", "br0", "up");
            lan.inHub("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
            String up = prefix + "up";
            lan.run("ip", "link", "add", up + "a", "type", "veth", "peer", "name", up + "b");
            lan.routed = true;
            lan.run("ip", "link", "set", up + "b", "netns", lan.hub);
            lan.run("ip", "addr", "add", UPLINK + ".1/24", "dev", up + "a");
            lan.run("ip", "link", "set", up + "a", "up");
            lan.inHub("ip", "addr", "add", UPLINK + ".2/24", "dev", up + "b");
            lan.inHub("ip", "link", "set", up + "b", "up");
            lan.run("ip", "route", "add", SUBNET + ".0/24", "via", UPLINK + ".2");
            return lan;
        } catch (IOException | InterruptedException | RuntimeException e) {
            lan.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new Unavailable("cannot make network namespaces here (root and iproute2 are needed): "
                + e.getMessage());
        }
    }

    /** Adds player {@code n} (2 to 250) on the bridge, at {@code SUBNET.n}; returns its namespace. */
    public String addPlayer(int n) throws IOException, InterruptedException {
        String ns = prefix + "p" + n;
        String link = prefix + "v" + n;
        run("ip", "netns", "add", ns);
        namespaces.add(ns);
        run("ip", "link", "add", link + "a", "type", "veth", "peer", "name", link + "b");
        run("ip", "link", "set", link + "a", "netns", hub);
        run("ip", "link", "set", link + "b", "netns", ns);
        inHub("ip", "link", "set", link + "a", "master", "br0", "up");
        in(ns, "ip", "link", "set", "lo", "up");
        in(ns, "ip", "addr", "add", SUBNET + "." + n + "/24", "dev", link + "b");
        in(ns, "ip", "link", "set", link + "b", "multicast", "on", "up");
        in(ns, "ip", "route", "add", "default", "via", SUBNET + ".1");
        in(ns, "ip", "route", "add", "224.0.0.0/4", "dev", link + "b");
        return ns;
    }

    /** The command line that runs {@code command} inside namespace {@code ns}. */
    public static List<String> inNamespace(String ns, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        wrapped.addAll(command);
        return wrapped;
    }

    private void inHub(String... command) throws IOException, InterruptedException {
        in(hub, command);
    }

    private void in(String ns, String... command) throws IOException, InterruptedException {
        run(inNamespace(ns, List.of(command)).toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        output(command);
    }

    private String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
    }

    /** Removes the namespaces (their links go with them) and the route and link into this namespace. */
    @Override
    public void close() {
        if (routed) {
            quietly("ip", "route", "del", SUBNET + ".0/24");
            quietly("ip", "link", "del", prefix + "upa");
        }
        for (String ns : namespaces) {
            quietly("ip", "netns", "del", ns);
        }
        namespaces.clear();
    }

    private void quietly(String... command) {
        try {
            output(command);
        } catch (IOException | InterruptedException ignored) {
            // best effort: it may be gone already
        }
    }

    /** This machine cannot make the LAN; the message says why. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }
}

package org.distriplace.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An X server (Xvfb) of the test's own, on a display number it picked, for the installed app's windows: what the
 * app logs, and the window's {@code WM_CLASS} as a taskbar sees it.
 */
final class Desktop implements AutoCloseable {

    private static final Pattern WINDOW = Pattern.compile("(0x[0-9a-f]+) \"");
    private static final Pattern WM_CLASS = Pattern.compile("WM_CLASS\\(STRING\\) = \"([^\"]*)\", \"([^\"]*)\"");

    private final Process xvfb;
    private final String display;
    private final Path dir;

    private Desktop(Process xvfb, String display, Path dir) {
        this.xvfb = xvfb;
        this.display = display;
        this.dir = dir;
    }

    /** Starts Xvfb (1280×900) and waits for its socket. */
    static Desktop start(Path dir) throws IOException, InterruptedException {
        int number = ThreadLocalRandom.current().nextInt(200, 900);
        Process xvfb = Installed.start(Map.of("PATH", "/usr/bin:/bin"), dir.resolve("xvfb.log"), "Xvfb",
            ":" + number, "-screen", "0", "1280x900x24", "-nolisten", "tcp", "-ac");
        Installed.await("Xvfb on :" + number, Duration.ofSeconds(20),
            () -> Files.exists(Path.of("/tmp/.X11-unix/X" + number)) || !xvfb.isAlive());
        if (!xvfb.isAlive()) {
            throw new IllegalStateException("Xvfb did not start: " + Files.readString(dir.resolve("xvfb.log")));
        }
        return new Desktop(xvfb, ":" + number, dir);
    }

    /** Whether Xvfb and the X tools the test reads windows with are installed. */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/Xvfb")) && Files.isExecutable(Path.of("/usr/bin/xprop"))
            && Files.isExecutable(Path.of("/usr/bin/xwininfo"));
    }

    /** Starts the installed command on this display as {@code player}, an ordinary user (as players are). */
    Process launch(Player player, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", player.name(), "--",
            "/usr/bin/distri-place"));
        command.addAll(List.of(arguments));
        return Installed.start(Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "HOME", player.home().toString(),
            "DISPLAY", display), log, command.toArray(String[]::new));
    }

    /** The WM_CLASS (instance, class) of every top-level window with one. */
    List<List<String>> windowClasses() throws IOException, InterruptedException {
        Installed.Result tree = Installed.run(Map.of("PATH", "/usr/bin:/bin"), dir.resolve("xwininfo.log"),
            "xwininfo", "-display", display, "-root", "-children");
        List<List<String>> classes = new ArrayList<>();
        Matcher window = WINDOW.matcher(tree.output());
        while (window.find()) {
            Installed.Result props = Installed.run(Map.of("PATH", "/usr/bin:/bin"), dir.resolve("xprop.log"),
                "xprop", "-display", display, "-id", window.group(1), "WM_CLASS");
            Matcher wmClass = WM_CLASS.matcher(props.output());
            if (wmClass.find()) {
                classes.add(List.of(wmClass.group(1), wmClass.group(2)));
            }
        }
        return classes;
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        xvfb.waitFor();
    }
}

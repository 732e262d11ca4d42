package org.distriplace.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's and freedesktop's own validators, run on the packages as a packager runs them; each answers the
 * findings a test can assert on. Lintian's errors that every jpackage .deb of a JavaFX app has are listed in
 * {@link #EXPECTED_LINTIAN_ERRORS}, each with why it stays.
 */
final class Validators {

    /**
     * Lintian errors this package keeps, and why:
     * <ul>
     * <li>{@code dir-or-file-in-opt}: the app image lives in /opt/distri-place, as every jpackage installer puts it
     * (its native launcher finds its runtime and libraries relative to itself); /opt is the FHS's place for add-on
     * packages, an error only for packages in Debian's own archive.</li>
     * <li>{@code embedded-library libjpeg} in {@code libjavafx_iio.so}: JavaFX's image decoder, as OpenJFX builds it,
     * carries its own libjpeg; only a JavaFX rebuilt against Debian's libjpeg (which Debian's openjfx 11 is, too
     * old for this app) would not.</li>
     * </ul>
     */
    static final Map<String, String> EXPECTED_LINTIAN_ERRORS = Map.of(
        "dir-or-file-in-opt", "", "embedded-library", "libjpeg [opt/distri-place/lib/app/javafx/libjavafx_iio.so]");

    private static final Pattern LINTIAN_ERROR = Pattern.compile("E: [^:]+: (\\S+)(?: (.*))?");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: ([0-9.]+)");

    private Validators() {
    }

    /** Whether every validator is installed here (CI installs them; see {@code .ci/run}). */
    static boolean installed() {
        return List.of("/usr/bin/lintian", "/usr/bin/desktop-file-validate", "/usr/bin/appstreamcli",
            "/usr/bin/systemd-analyze", "/usr/bin/promtool").stream().allMatch(tool -> Files.isExecutable(Path.of(
            tool)));
    }

    /** Lintian's errors ({@code --pedantic}) on {@code debs} that are not among the expected ones. */
    static List<String> unexpectedLintianErrors(Path log, Path... debs) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("lintian", "--pedantic", "--allow-root"));
        for (Path deb : debs) {
            command.add(deb.toAbsolutePath().toString());
        }
        Installed.Result lintian = Installed.run(Installed.ROOT_ENV, log, command.toArray(String[]::new));
        return lintian.output().lines().filter(line -> {
            Matcher error = LINTIAN_ERROR.matcher(line);
            if (!error.matches()) {
                return false;
            }
            String expected = EXPECTED_LINTIAN_ERRORS.get(error.group(1));
            return expected == null || !(expected.isEmpty() || expected.equals(error.group(2)));
        }).toList();
    }

    /** desktop-file-validate's errors and warnings (its hints are advice, not findings). */
    static List<String> desktopFileFindings(Path log, Path entry) throws IOException, InterruptedException {
        Installed.Result result = Installed.run(Installed.ROOT_ENV, log, "desktop-file-validate", entry.toString());
        return result.output().lines().filter(line -> line.contains(": error: ") || line.contains(": warning: "))
            .toList();
    }

    /** appstreamcli's verdict on metainfo, with --pedantic; null when it passes. */
    static String appStreamFailure(Path log, Path metainfo) throws IOException, InterruptedException {
        Installed.Result result = Installed.run(Installed.ROOT_ENV, log, "appstreamcli", "validate", "--no-net",
            "--pedantic", metainfo.toString());
        return result.exitCode() == 0 ? null : result.output();
    }

    /** {@code systemd-analyze verify}'s complaints about a unit (empty when it is sound). */
    static String unitComplaints(Path log, Path unit) throws IOException, InterruptedException {
        Installed.Result result = Installed.run(Installed.ROOT_ENV, log, "systemd-analyze", "verify", unit.toString());
        return result.exitCode() == 0 && result.output().isBlank() ? "" : result.output();
    }

    /** {@code systemd-analyze security}'s overall exposure for a unit, 0 (locked down) to 10 (unsafe). */
    static double exposure(Path log, Path unit) throws IOException, InterruptedException {
        Installed.Result result = Installed.run(Installed.ROOT_ENV, log, "systemd-analyze", "security",
            "--offline=true", unit.toString());
        Matcher overall = EXPOSURE.matcher(result.output());
        if (!overall.find()) {
            throw new AssertionError("no exposure level in: " + result.output());
        }
        return Double.parseDouble(overall.group(1));
    }

    /** promtool's findings on a scrape (empty when it passes). */
    static String promtoolFindings(Path log, String scrape) throws IOException, InterruptedException {
        Path file = Files.writeString(log.resolveSibling("metrics.txt"), scrape);
        Installed.Result result = Installed.run(Installed.ROOT_ENV, log, "sh", "-c", "promtool check metrics < "
            + file);
        return result.exitCode() == 0 ? result.output().strip() : "exit " + result.exitCode() + ": "
            + result.output();
    }
}

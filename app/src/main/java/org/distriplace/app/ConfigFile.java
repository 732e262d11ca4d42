package org.distriplace.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * Where the options of {@code distri-place node} (and {@code edge}, {@code history-service}) come from when the command line does not give them: an environment
 * variable ({@code DISTRI_PLACE_HTTP_PORT} for {@code --http-port}; {@code DISTRI_PLACE_SECRET} too for the
 * secret), else the config file named by {@code --config} or {@code DISTRI_PLACE_CONFIG} (one {@code key = value}
 * a line, the keys being the long
 * options without their dashes; {@code #} starts a comment), else the built-in default. So: flags over environment
 * over file over defaults. A file with an unknown or repeated key is refused before the node starts, naming it and
 * its line; a bad value is refused by the option's own check, naming the option.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    static final String ENV_PREFIX = "DISTRI_PLACE_";
    /** The commands whose options come from a config file and the environment too. */
    static final Set<String> CONFIGURED = Set.of("node", "edge", "history-service");
    /** Options that are not settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("help", "version", "config");

    private final Map<String, String> file;
    private final Map<String, String> env;

    private ConfigFile(Map<String, String> file, Map<String, String> env) {
        this.file = Map.copyOf(file);
        this.env = Map.copyOf(env);
    }

    /**
     * Gives {@code node}, {@code edge} or {@code history-service} (when {@code args} run one) its defaults from
     * {@code env} and the file {@code --config} names.
     *
     * @throws IllegalArgumentException for a file that cannot be read or holds a key that is not an option
     */
    static void install(CommandLine root, String[] args, Map<String, String> env) {
        if (args.length == 0 || !CONFIGURED.contains(args[0])) {
            return;
        }
        CommandLine node = root.getSubcommands().get(args[0]);
        Set<String> keys = new TreeSet<>();
        node.getCommandSpec().options().forEach(option -> keys.add(key(option)));
        keys.removeAll(NOT_SETTINGS);
        Path config = configArgument(args);
        if (config == null && env.get(ENV_PREFIX + "CONFIG") != null) {
            config = Path.of(env.get(ENV_PREFIX + "CONFIG"));
        }
        node.setDefaultValueProvider(new ConfigFile(config == null ? Map.of() : read(config, keys), env));
    }

    /** The value of {@code --config FILE} or {@code --config=FILE}, or null. */
    static Path configArgument(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }

    /** Reads {@code key = value} lines; every key must be one of {@code keys}, once. */
    static Map<String, String> read(Path config, Set<String> keys) {
        List<String> lines;
        try {
            lines = Files.readAllLines(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file " + config + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            String where = config + " line " + n;
            if (equals < 1) {
                throw new IllegalArgumentException(where + ": expected key = value, not '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (the keys are the command's "
                    + "long options without dashes: " + String.join(", ", keys) + ")");
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException(where + ": '" + key + "' is set twice");
            }
        }
        return values;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
        if (!(argument instanceof CommandLine.Model.OptionSpec option)) {
            return null;
        }
        String key = key(option);
        String fromEnv = env.get(ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        if (fromEnv == null && key.equals("cluster-secret")) {
            fromEnv = env.get(ENV_PREFIX + "SECRET");
        }
        return fromEnv != null ? fromEnv : file.get(key);
    }

    private static String key(CommandLine.Model.OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }
}

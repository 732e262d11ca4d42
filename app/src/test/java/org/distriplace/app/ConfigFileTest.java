package org.distriplace.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.distriplace.app.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code node --config FILE}: flags over environment over file over built-in defaults; bad files refused. */
class ConfigFileTest {

    @TempDir
    Path dir;

    private Path config(String text) throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, text);
        return file;
    }

    private NodeOptions parsed(Map<String, String> env, String... args) {
        CommandLine cli = Main.commandLine();
        ConfigFile.install(cli, args, env);
        cli.parseArgs(args);
        return ((NodeCommand) cli.getSubcommands().get("node").getCommand()).options;
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverDefaults() throws Exception {
        Path file = config("""
            # a host's node
            id = 4
            http-port = 8081
            cooldown = 2
            peers = 1@10.0.0.1:7522, 2@10.0.0.2:7522
            cluster-secret = from-the-file
            """);
        NodeOptions fileOnly = parsed(Map.of(), "node", "--config", file.toString());
        assertEquals(4, fileOnly.id);
        assertEquals(8081, fileOnly.httpPort);
        assertEquals(2.0, fileOnly.cooldownSeconds);
        assertEquals("from-the-file", fileOnly.secrets.secret);
        assertEquals(NodeOptions.DEFAULT_PEER_PORT, fileOnly.peerPort, "not in the file: the built-in default");

        NodeOptions env = parsed(Map.of("DISTRI_PLACE_COOLDOWN", "3", "DISTRI_PLACE_SECRET", "from-env"),
            "node", "--config=" + file);
        assertEquals(3.0, env.cooldownSeconds);
        assertEquals("from-env", env.secrets.secret, "the secret's older variable counts as the environment too");
        assertEquals(8081, env.httpPort);

        NodeOptions flags = parsed(Map.of("DISTRI_PLACE_COOLDOWN", "3"), "node", "--config", file.toString(),
            "--cooldown", "4", "--http-port", "8090");
        assertEquals(4.0, flags.cooldownSeconds);
        assertEquals(8090, flags.httpPort);

        NodeOptions fromEnvFile = parsed(Map.of("DISTRI_PLACE_CONFIG", file.toString()), "node");
        assertEquals(8081, fromEnvFile.httpPort, "DISTRI_PLACE_CONFIG names the file too");
    }

    @Test
    void unknownOrRepeatedKeysAndMissingFilesAreRefusedNamingThem() throws Exception {
        CommandRun typo = new CommandRun();
        assertEquals(2, typo.run("node", "--config", config("id = 2\nhtpp-port = 8081\n").toString()));
        assertTrue(typo.err().contains("line 2: unknown key 'htpp-port'"), typo.err());
        assertTrue(typo.err().contains("http-port"), "the keys it knows are listed: " + typo.err());

        CommandRun twice = new CommandRun();
        assertEquals(2, twice.run("node", "--config", config("id = 2\nid = 3\n").toString()));
        assertTrue(twice.err().contains("line 2: 'id' is set twice"), twice.err());

        CommandRun shape = new CommandRun();
        assertEquals(2, shape.run("node", "--config", config("http-port 8081\n").toString()));
        assertTrue(shape.err().contains("line 1: expected key = value"), shape.err());

        CommandRun missing = new CommandRun();
        assertEquals(2, missing.run("node", "--config", dir.resolve("nowhere.conf").toString()));
        assertTrue(missing.err().contains("cannot read the config file"), missing.err());
    }

    @Test
    void aBadValueIsRefusedByTheOptionsOwnCheckNamingIt() throws Exception {
        CommandRun bad = new CommandRun();
        assertEquals(2, bad.run("node", "--config", config("http-port = eighty\n").toString()));
        assertTrue(bad.err().contains("--http-port") && bad.err().contains("eighty"), bad.err());
    }
}

package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.runtime.InProcessNetwork;
import org.distriplace.core.runtime.Node;
import org.distriplace.core.store.MemoryEventStore;
import org.distriplace.core.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop player's account: its name, its key, and claiming it through the app's own node. */
class PlayerAccountTest {

    @TempDir
    Path home;
    private Node node;

    @BeforeEach
    void start() throws Exception {
        NodeConfig config = NodeConfig.builder(1, List.of(1)).canvas(8, 8).cooldownMs(60_000).batchMs(10).build();
        node = new Node(config, new InProcessNetwork().transportFor(1), new MemoryEventStore(), EventSink.NONE);
        node.start().join();
        Await.until("the node to lead", Duration.ofSeconds(10), () -> node.report().join().leaderActive());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aLoginNameBecomesAnAccountName() {
        assertEquals("alice", PlayerAccount.accountName("alice"));
        assertEquals("jean_pierre_", PlayerAccount.accountName("Jean-Pierre!"));
        assertEquals("al_", PlayerAccount.accountName("Al"));
        assertEquals(24, PlayerAccount.accountName("a".repeat(40)).length());
    }

    @Test
    void theKeyIsMadeOnceAndReadableByItsOwnerOnly() throws Exception {
        String key = PlayerAccount.key(home);
        assertTrue(key.length() >= 30, key);
        assertEquals(key, PlayerAccount.key(home), "the same key on the next start");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
            home.resolve("player.key"))));
    }

    @Test
    void theAppClaimsTheAccountItMadeAndNoOtherPlayers() {
        String mine = PlayerAccount.key(home);
        PlayerAccount.Claim made = PlayerAccount.claim(node, "alice", mine, ForkJoinPool.commonPool()).join();
        assertEquals("alice", made.userId());
        assertTrue(made.own(), made.note());
        assertTrue(node.view().accounts().account("alice").isPresent(), "registered in the cluster");

        PlayerAccount.Claim again = PlayerAccount.claim(node, "alice", mine, ForkJoinPool.commonPool()).join();
        assertTrue(again.own(), "the next start logs into it: " + again.note());

        PlayerAccount.Claim other = PlayerAccount.claim(node, "alice", "another installation's key",
            ForkJoinPool.commonPool()).join();
        assertFalse(other.own());
        assertTrue(other.userId().startsWith("guest-"), other.userId());
        assertNotEquals(made.userId(), other.userId());
        assertTrue(other.note().contains("another player's account"), other.note());
    }
}

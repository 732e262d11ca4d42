package org.distriplace.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.distriplace.app.testing.TestCluster;
import org.distriplace.core.event.EventSink;
import org.distriplace.core.node.NodeConfig;
import org.distriplace.core.testing.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two copies of the app on one machine must not collide on ports or on the data directory. */
class EmbeddedNodeTest {

    @TempDir
    Path dir;

    private EmbeddedNode.Settings settings(int httpPort, int peerPort, boolean fallBack) {
        return new EmbeddedNode.Settings(NodeConfig.builder(1, List.of(1)).canvas(10, 10).build(), "127.0.0.1",
            httpPort, peerPort, List.of(), "secret", dir.resolve("node-1"), fallBack);
    }

    @Test
    void aSecondCopyFallsBackToFreePortsAndItsOwnDataDirectory() throws Exception {
        int http = TestCluster.freePort();
        int peer = TestCluster.freePort();
        try (EmbeddedNode first = EmbeddedNode.start(settings(http, peer, true), EventSink.NONE);
             EmbeddedNode second = EmbeddedNode.start(settings(http, peer, true), EventSink.NONE)) {
            assertEquals(http, first.httpPort());
            assertEquals(peer, first.peerPort());
            assertNotEquals(http, second.httpPort());
            assertNotEquals(peer, second.peerPort());
            assertEquals(dir.resolve("node-1"), first.dataDir());
            assertEquals(dir.resolve("node-1-2"), second.dataDir());
            HttpResponse<String> info = new TestHttp().get(second.browserUrl() + "api/v1/canvas/info");
            assertEquals(200, info.statusCode(), "the second copy serves on the port it shows");
        }
    }

    @Test
    void theLanAddressOfferedToBrowsersIsAPrivateIpv4AddressOfThisMachine() throws Exception {
        var found = EmbeddedNode.lanAddress();
        if (found.isPresent()) {
            InetAddress address = InetAddress.getByName(found.get());
            assertTrue(address instanceof Inet4Address && address.isSiteLocalAddress(), found.get());
            assertTrue(NetworkInterface.getByInetAddress(address) != null, "an address of this machine");
        }
    }

    @Test
    void theHeadlessNodeRefusesATakenDataDirectoryClearly() throws Exception {
        try (EmbeddedNode first = EmbeddedNode.start(settings(0, 0, false), EventSink.NONE)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedNode.start(settings(0, 0, false), EventSink.NONE));
            assertTrue(refused.getMessage().contains("in use by another running node"), refused.getMessage());
            assertTrue(!first.node().isClosed() && first.dataDir().equals(dir.resolve("node-1")),
                "the running node is untouched");
        }
        try (EmbeddedNode again = EmbeddedNode.start(settings(0, 0, false), EventSink.NONE)) {
            assertEquals(dir.resolve("node-1"), again.dataDir(), "released when the first node closed");
        }
    }
}

package org.distriplace.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void theEphemeralRangeIsReadFromTheKernel() {
        int low = LoopbackPorts.ephemeralLow();
        assertTrue(low > 1024 && low < 65536, "first ephemeral port " + low);
    }

    @Test
    void portsComeFromBelowTheEphemeralRangeAreFreeAndNeverRepeat() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = LoopbackPorts.next();
            assertTrue(port < LoopbackPorts.ephemeralLow(), port + " is in the ephemeral range");
            ports.add(port);
        }
        assertEquals(200, ports.size(), "each port handed out once");
        int port = LoopbackPorts.next();
        try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, bound.getLocalPort());
        }
    }
}

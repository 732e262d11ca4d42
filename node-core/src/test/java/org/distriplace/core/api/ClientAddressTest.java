package org.distriplace.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behind a trusted proxy the client is who the proxy says; nobody else's say counts. */
class ClientAddressTest {

    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("10.0.0.9", 40000);
    private final ClientAddress clients = new ClientAddress(Set.of("127.0.0.1", "10.0.0.2"));

    private static HttpHeaders forwarded(String... values) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (String value : values) {
            headers.add("X-Forwarded-For", value);
        }
        return headers;
    }

    private String client(InetSocketAddress peer, HttpHeaders headers) {
        return ((InetSocketAddress) clients.resolve(peer, headers)).getAddress().getHostAddress();
    }

    @Test
    void aTrustedProxyNamesTheClientAndAForgedFirstHopIsPassedOver() {
        assertEquals("203.0.113.7", client(PROXY, forwarded("203.0.113.7")));
        assertEquals("203.0.113.7", client(PROXY, forwarded("6.6.6.6, 203.0.113.7")),
            "the client wrote the first hop itself; the proxy appended the real one");
        assertEquals("203.0.113.7", client(PROXY, forwarded("203.0.113.7, 10.0.0.2")), "a chain of trusted proxies");
        assertEquals("203.0.113.7", client(PROXY, forwarded("1.1.1.1", "203.0.113.7")), "the header repeated");
        assertEquals("2001:db8:0:0:0:0:0:1", client(PROXY, forwarded("2001:db8::1")));
    }

    @Test
    void fromAnyoneElseOrWithoutAUsableHopThePeerIsTheClient() {
        assertEquals("10.0.0.9", client(STRANGER, forwarded("203.0.113.7")), "a stranger's header is ignored");
        assertEquals("127.0.0.1", client(PROXY, forwarded()), "a proxy's own request");
        assertEquals("127.0.0.1", client(PROXY, forwarded("unknown")), "not an address: nothing is looked up");
        assertEquals("127.0.0.1", client(PROXY, forwarded("example.com")));
        assertEquals("127.0.0.1", client(PROXY, forwarded("10.0.0.2")), "only proxies in the chain");
    }

    @Test
    void trustedProxiesAreAddressesNeverNames() {
        assertEquals(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1"), ClientAddress.literals(Set.of(" 127.0.0.1", "::1")));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.literals(Set.of("proxy.example.com")));
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.defaults()
            .withTrustedProxies(Set.of("10.0.0.0/8")));
    }
}

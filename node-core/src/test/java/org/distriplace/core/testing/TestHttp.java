package org.distriplace.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP for tests: one client, a deadline on every request (a node that hangs fails the test instead of blocking
 * it), and optionally a browser's cookies. Thread-safe.
 */
public final class TestHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client;
    private final CookieManager cookies;

    /** A client without cookies (a script: the node knows it by its address). */
    public TestHttp() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), null);
    }

    private TestHttp(HttpClient client, CookieManager cookies) {
        this.client = client;
        this.cookies = cookies;
    }

    /** A client that keeps the session cookies nodes offer, as a browser does. */
    public static TestHttp withCookies() {
        CookieManager cookies = new CookieManager();
        return new TestHttp(HttpClient.newBuilder().cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5)).build(), cookies);
    }

    /** The value of the cookie {@code name} this client was given (by any server), or null. */
    public String cookie(String name) {
        return cookies == null ? null : cookies.getCookieStore().getCookies().stream()
            .filter(cookie -> cookie.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst()
            .orElse(null);
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return client.send(request(url).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String url) throws IOException, InterruptedException {
        return client.send(request(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POSTs a JSON body. */
    public HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return client.send(request(url).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
        throws IOException, InterruptedException {
        return client.send(request.timeout(TIMEOUT).build(), body);
    }

    /** The JSON a 200 answer carries, or null when there is no such answer within 2 s (a node down, say). */
    public JsonNode jsonOrNull(String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * What a server on {@code port} answers, whole, to {@code POST /pixel} announcing a 10 MB JSON body with
     * {@code Expect: 100-continue} (as curl sends a large body) and sending none of it.
     */
    public static String answerToOversizedPost(int port) throws IOException {
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", port)) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(("POST /pixel HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000000\r\nExpect: 100-continue\r\n\r\n").getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
            return new String(raw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    }
}

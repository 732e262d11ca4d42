package org.distriplace.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.distriplace.core.api.OperatorClient.OperatorException;

/**
 * JSON requests to one node's HTTP port for the command-line tools: the address checked, the answer parsed, and every
 * failure (unreachable, not a node, the node's error object) an {@link OperatorException} with a code. Keeps the
 * session cookie a login gives, for the calls after it. Thread-safe.
 */
final class NodeCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
        .cookieHandler(new CookieManager()).build();

    /** @param hostPort the node's HTTP address, {@code HOST:PORT} (an {@code http://} prefix is allowed) */
    NodeCalls(String hostPort) throws OperatorException {
        String bare = hostPort.strip().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        if (!bare.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new OperatorException("BAD_ADDRESS", "give the node's HTTP address as HOST:PORT (for example "
                + "192.168.1.20:8080), not '" + hostPort + "'");
        }
        this.address = bare;
    }

    String address() {
        return address;
    }

    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private URI uri(String path) {
        return URI.create("http://" + address + path);
    }

    /** The answer's JSON object; anything but a 2xx with one is an {@link OperatorException}. */
    JsonNode call(HttpRequest.Builder request, long timeoutMs) throws OperatorException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofMillis(timeoutMs)).build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e instanceof java.net.ConnectException ? "connection refused"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new OperatorException("UNREACHABLE", "no distri-place node answered at " + address + " (" + why
                + ")");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new OperatorException("NOT_A_NODE", address + " answered HTTP " + response.statusCode()
                + " without JSON: is it a distri-place node's HTTP port?");
        }
        if (response.statusCode() / 100 != 2) {
            JsonNode error = body.path("error");
            throw new OperatorException(error.path("code").asText("HTTP_" + response.statusCode()),
                error.path("message").asText(address + " answered HTTP " + response.statusCode()));
        }
        return body;
    }
}

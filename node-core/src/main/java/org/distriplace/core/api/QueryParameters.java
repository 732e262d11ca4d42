package org.distriplace.core.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/** A request's query parameters, read with their bounds: a bad one is an {@link IllegalArgumentException} saying so. */
final class QueryParameters {

    private final QueryStringDecoder query;

    QueryParameters(QueryStringDecoder query) {
        this.query = query;
    }

    boolean has(String name) {
        return query.parameters().containsKey(name);
    }

    /** The parameter's single value. */
    String text(String name) {
        List<String> values = query.parameters().get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " is given more than once");
        }
        return values.get(0);
    }

    /** An integer from {@code min} to {@code max}; {@code fallback} when absent (null: required). */
    int integer(String name, int min, int max, Integer fallback) {
        if (!has(name) && fallback != null) {
            return fallback;
        }
        String text = text(name);
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '"
            + text + "'");
    }
}

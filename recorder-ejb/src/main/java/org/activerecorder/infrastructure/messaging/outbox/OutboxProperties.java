package org.activerecorder.infrastructure.messaging.outbox;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** A message's properties as the outbox stores them: a JSON object of strings and whole numbers. */
final class OutboxProperties {

    /** Looked up once: {@code Json.create...} looks the provider up at every call (docs/performance.md, series U). */
    private static final JsonProvider JSON = JsonProvider.provider();

    private OutboxProperties() {
    }

    static String write(Map<String, Object> properties) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (property.getValue() instanceof Long number) {
                json.add(property.getKey(), number);
            } else {
                json.add(property.getKey(), (String) property.getValue());
            }
        }
        return json.build().toString();
    }

    static Map<String, Object> read(String stored) {
        Map<String, Object> properties = new LinkedHashMap<>();
        try (var reader = JSON.createReader(new StringReader(stored))) {
            JsonObject json = reader.readObject();
            for (Map.Entry<String, JsonValue> property : json.entrySet()) {
                JsonValue value = property.getValue();
                if (value instanceof JsonNumber number) {
                    properties.put(property.getKey(), number.longValueExact());
                } else {
                    properties.put(property.getKey(), ((JsonString) value).getString());
                }
            }
        }
        return properties;
    }
}

package org.activerecorder.interfaces.rest;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.activerecorder.application.rules.ListedRule;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code PUT /api/rules/order}: {@code {"rules":[{"id":7,"version":3}, ...]}}, every rule in use as
 * {@code GET /api/rules} listed it, first tried first. Read field by field like every configuration body: an unknown
 * field, a missing or mistyped id or version are each reported, all in one 400. {@code FIELDS} is compared with the
 * OpenAPI document.
 */
final class RuleOrderBody {

    private static final Set<String> FIELDS = Set.of("rules");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "version");

    private RuleOrderBody() {
    }

    static List<ListedRule> read(InputStream body) {
        JsonBody json = JsonBody.read(body, FIELDS);
        List<JsonObject> entries = json.objects("rules");
        List<String> problems = new ArrayList<>(json.problems());
        if (!json.has("rules")) {
            problems.add("rules is missing: every rule in use as {\"id\":7,\"version\":3}, first tried first,"
                    + " as GET /api/rules lists them");
        }
        List<ListedRule> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.get(i);
            String at = "rules[" + i + "]";
            Set<String> unknown = new TreeSet<>(entry.keySet());
            unknown.removeAll(ENTRY_FIELDS);
            unknown.forEach(name -> problems.add(at + ": unknown field '" + name + "'; the fields are id, version"));
            long id = positive(entry, "id", Long.MAX_VALUE, at, problems);
            long version = positive(entry, "version", Integer.MAX_VALUE, at, problems);
            order.add(new ListedRule(id, (int) version));
        }
        if (!problems.isEmpty()) {
            throw JsonBody.invalid(problems);
        }
        return order;
    }

    private static long positive(JsonObject entry, String name, long max, String at, List<String> problems) {
        JsonValue value = entry.get(name);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                long parsed = number.longValueExact();
                if (parsed > 0 && parsed <= max) {
                    return parsed;
                }
            } catch (ArithmeticException tooLarge) {
                // reported below
            }
        }
        problems.add(at + "." + name + (value == null ? " is missing" : " must be a positive whole number, not "
                + value));
        return 0;
    }
}

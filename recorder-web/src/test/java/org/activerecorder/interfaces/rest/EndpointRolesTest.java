package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.HttpMethod;
import org.activerecorder.domain.model.user.Role;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.activerecorder.domain.model.user.Role.admin;
import static org.activerecorder.domain.model.user.Role.auditor;
import static org.activerecorder.domain.model.user.Role.control;
import static org.activerecorder.domain.model.user.Role.metrics;
import static org.activerecorder.domain.model.user.Role.supervisor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint of the API, found by reflection over the JAX-RS resources (not a hand-picked few), has an explicit
 * role decision ({@link Allowed}), and the roles that get through both web.xml's constraints and that decision are
 * exactly those of the table below. A new endpoint without a decision, or one whose roles change, fails the build
 * until the table says so. RoleMatrixIT calls each endpoint as each role on the real server.
 */
class EndpointRolesTest {

    private static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);
    private static final Set<Role> API_ROLES = EnumSet.of(admin, supervisor, auditor, control);
    private static final Set<Role> READERS = EnumSet.of(admin, supervisor, auditor);
    private static final Set<Role> CONTROLLERS = EnumSet.of(admin, supervisor, control);
    private static final Set<Role> ADMIN = EnumSet.of(admin);

    /** Who may call what: the table the roles are reviewed against (issue 15). */
    static final Map<String, Set<Role>> TABLE = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/recordings", READERS),
            Map.entry("GET /api/recordings/{id}", READERS),
            Map.entry("GET /api/recordings/{id}/audio", READERS),
            Map.entry("GET /api/recordings/{id}/waveform", READERS),
            Map.entry("POST /api/calls/{callUuid}/recording/{operation}", CONTROLLERS),
            Map.entry("POST /api/connections/{connId}/recording/{operation}", CONTROLLERS),
            Map.entry("PUT /api/calls/{callUuid}", EnumSet.of(admin, control)),
            Map.entry("GET /api/calls/{callUuid}", API_ROLES),
            Map.entry("GET /api/calls/{callUuid}/decisions", READERS),
            Map.entry("GET /api/dns", READERS),
            Map.entry("POST /api/dns", ADMIN),
            Map.entry("GET /api/dns/{dn}", READERS),
            Map.entry("PUT /api/dns/{dn}", ADMIN),
            Map.entry("DELETE /api/dns/{dn}", ADMIN),
            Map.entry("GET /api/rules", READERS),
            Map.entry("POST /api/rules", ADMIN),
            Map.entry("GET /api/rules/{id}", READERS),
            Map.entry("PUT /api/rules/{id}", ADMIN),
            Map.entry("DELETE /api/rules/{id}", ADMIN),
            Map.entry("GET /api/rules/{id}/versions/{version}", READERS),
            Map.entry("PUT /api/rules/order", ADMIN),
            Map.entry("POST /api/rules/test", EnumSet.of(admin, supervisor)),
            Map.entry("GET /api/metrics", EnumSet.of(admin, metrics)),
            Map.entry("GET /api/openapi.yaml", API_ROLES),
            Map.entry("GET /api/audit", EnumSet.of(admin, auditor)),
            Map.entry("GET /api/audit/verify", EnumSet.of(admin, auditor)),
            Map.entry("GET /api/users", ADMIN),
            Map.entry("POST /api/users", ADMIN),
            Map.entry("GET /api/users/{username}", ADMIN),
            Map.entry("PUT /api/users/{username}", ADMIN),
            Map.entry("GET /api/users/me", EVERY_ROLE),
            Map.entry("PUT /api/users/me/password", EVERY_ROLE),
            Map.entry("GET /api/settings", READERS),
            Map.entry("GET /api/settings/{name}", READERS),
            Map.entry("PUT /api/settings/{name}", ADMIN),
            Map.entry("DELETE /api/settings/{name}", ADMIN)));

    @Test
    void everyEndpointHasARoleDecisionAndTheRolesOfTheTable() throws Exception {
        Map<String, Method> endpoints = endpoints();
        List<String> undecided = endpoints.entrySet().stream()
                .filter(e -> !e.getValue().isAnnotationPresent(Allowed.class)).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), undecided, "resource methods without @Allowed: nobody may call them");
        assertTrue(endpoints.size() >= 25, "found too few endpoints to be a real check: " + endpoints.keySet());

        WebXmlConstraints web = WebXmlConstraints.read(Path.of("src/main/webapp/WEB-INF/web.xml"));
        Map<String, Set<Role>> effective = new TreeMap<>();
        endpoints.forEach((endpoint, method) -> {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            roles.addAll(method.getAnnotation(Allowed.class).value().roles());
            roles.retainAll(web.rolesFor(endpoint.substring(endpoint.indexOf(' ') + 1)));
            effective.put(endpoint, roles);
        });
        assertEquals(TABLE, effective, "the roles each endpoint lets in (web.xml and @Allowed) and the table disagree");
    }

    @Test
    void aMethodWithoutADecisionHasNoneForTheFilterToGrant() throws NoSuchMethodException {
        Method undecided = EndpointRolesTest.class.getDeclaredMethod("aMethodWithoutADecisionHasNoneForTheFilterToGrant");
        assertEquals(Optional.empty(), EntitlementCheck.decision(undecided), "refused to everyone by the filter");
        assertEquals(Optional.empty(), EntitlementCheck.decision(null), "no method matched: refused too");
        assertEquals(Optional.of(Entitlement.MANAGE_USERS),
                EntitlementCheck.decision(UsersResource.class.getDeclaredMethod("list")));
    }

    /** "VERB /api/path" of every resource method of this package, as the server roots them. */
    private static Map<String, Method> endpoints() throws Exception {
        Map<String, Method> found = new TreeMap<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = ("/api/" + base + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/")
                            .replaceAll("\\{([A-Za-z0-9_]+)(:[^}]*)?}", "{$1}");
                    Method previous = found.put(verb + " " + path, method);
                    assertEquals(null, previous, "two methods answer " + verb + " " + path);
                }
            }
        }
        return found;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static List<Class<?>> resourceClasses() throws Exception {
        URL self = OpenApiResource.class.getResource("OpenApiResource.class");
        Path folder = Path.of(self.toURI()).getParent();
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                Class<?> type = Class.forName(OpenApiResource.class.getPackageName() + "."
                        + file.getFileName().toString().replace(".class", ""));
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    /**
     * web.xml's security constraints, matched as the servlet container matches them: an exact pattern first, then the
     * longest {@code /prefix/*}; {@code **} is every authenticated user. (Patterns with a {@code {parameter}} in the
     * endpoint's path can only match a prefix pattern, as a real request's path would.)
     */
    private record WebXmlConstraints(Map<String, Set<Role>> byPattern) {

        static WebXmlConstraints read(Path webXml) throws Exception {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(webXml.toFile());
            Map<String, Set<Role>> byPattern = new LinkedHashMap<>();
            NodeList constraints = document.getElementsByTagName("security-constraint");
            for (int i = 0; i < constraints.getLength(); i++) {
                Element constraint = (Element) constraints.item(i);
                NodeList auth = constraint.getElementsByTagName("auth-constraint");
                Set<Role> roles = EnumSet.allOf(Role.class); // no auth-constraint: open (the login pages)
                if (auth.getLength() > 0) {
                    roles = EnumSet.noneOf(Role.class);
                    NodeList names = ((Element) auth.item(0)).getElementsByTagName("role-name");
                    for (int j = 0; j < names.getLength(); j++) {
                        String name = names.item(j).getTextContent().trim();
                        roles.addAll(name.equals("**") ? EnumSet.allOf(Role.class) : Set.of(Role.valueOf(name)));
                    }
                }
                NodeList patterns = constraint.getElementsByTagName("url-pattern");
                for (int j = 0; j < patterns.getLength(); j++) {
                    byPattern.put(patterns.item(j).getTextContent().trim(), roles);
                }
            }
            return new WebXmlConstraints(byPattern);
        }

        Set<Role> rolesFor(String path) {
            if (byPattern.containsKey(path)) {
                return byPattern.get(path);
            }
            String best = null;
            for (String pattern : new TreeSet<>(byPattern.keySet())) {
                if (pattern.endsWith("/*")) {
                    String prefix = pattern.substring(0, pattern.length() - 2);
                    if ((path.equals(prefix) || path.startsWith(prefix + "/"))
                            && (best == null || prefix.length() > best.length() - 2)) {
                        best = pattern;
                    }
                }
            }
            assertTrue(best != null, "no security constraint covers " + path + ": it would be open to anyone");
            return byPattern.get(best);
        }
    }
}

package org.activerecorder.interfaces.rest;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.HttpMethod;
import org.activerecorder.application.RecordingControlled;
import org.activerecorder.application.RecordingView;
import org.activerecorder.application.audit.AuditEntryView;
import org.activerecorder.application.users.UserView;
import org.activerecorder.application.settings.SettingView;
import org.activerecorder.application.calls.CallEventJson;
import org.activerecorder.application.calls.CallView;
import org.activerecorder.application.events.CompletenessSummary;
import org.activerecorder.application.rules.DecisionView;
import org.activerecorder.application.rules.DnView;
import org.activerecorder.application.rules.PreviewedDecision;
import org.activerecorder.application.rules.RuleView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written OpenAPI document ({@code docs/openapi.yaml}, served at {@code /api/openapi.yaml}) is valid
 * OpenAPI 3 and says exactly what the code does: every resource method of the API is documented with its verb and
 * path and nothing else is, the JSON objects it describes have exactly the fields the records serialise, and the
 * request bodies exactly the fields their readers accept.
 */
class OpenApiDocumentTest {

    private static OpenAPI document;

    @BeforeAll
    static void read() throws IOException {
        String text;
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            assertNotNull(in, "docs/openapi.yaml is not built into the WAR's classes");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertEquals(java.util.List.of(), result.getMessages(), "docs/openapi.yaml is not valid OpenAPI 3");
        document = result.getOpenAPI();
    }

    /**
     * WildFly's MicroProfile OpenAPI serves the WAR's {@code META-INF/openapi.yaml} at {@code /openapi}: it must be this
     * same document, with nothing scanned from the annotations merged into it.
     */
    @Test
    void theDocumentAtSlashOpenapiIsThisOneWithScanningOff() throws IOException {
        assertEquals(read(OpenApiResource.class, OpenApiResource.DOCUMENT), read(OpenApiDocumentTest.class,
                "/META-INF/openapi.yaml"), "META-INF/openapi.yaml is docs/openapi.yaml");
        java.util.Properties config = new java.util.Properties();
        config.load(new java.io.StringReader(read(OpenApiDocumentTest.class, "/META-INF/microprofile-config.properties")));
        assertEquals("true", config.getProperty("mp.openapi.scan.disable"));
    }

    private static String read(Class<?> near, String resource) throws IOException {
        try (InputStream in = near.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not built into the WAR's classes");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void documentsEveryResourceMethodAndNoOther() throws Exception {
        Set<String> inCode = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    inCode.add(verb + " " + normalise(base + (sub == null ? "" : "/" + sub.value())));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            for (PathItem.HttpMethod verb : path.getValue().readOperationsMap().keySet()) {
                documented.add(verb.name() + " " + normalise(path.getKey()));
            }
        }
        assertTrue(inCode.size() >= 5, "found too few resource methods to be a real check: " + inCode);
        assertEquals(inCode, documented, "docs/openapi.yaml and the JAX-RS resources disagree");
    }

    @Test
    void everyOperationHasAnIdAndAnErrorAnswer() {
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((verb, operation) -> {
            assertNotNull(operation.getOperationId(), verb + " " + path + " has no operationId");
            assertTrue(operation.getResponses().keySet().stream().anyMatch(code -> code.startsWith("4")),
                    verb + " " + path + " documents no 4xx answer");
        }));
    }

    @Test
    void schemasHaveExactlyTheFieldsOfTheRecordsTheApiSerialises() {
        Map<String, Class<?>> schemas = new TreeMap<>(Map.ofEntries(
                Map.entry("Recording", RecordingView.class),
                Map.entry("Stream", RecordingView.StreamView.class),
                Map.entry("Gap", RecordingView.GapView.class),
                Map.entry("Dtmf", RecordingView.DtmfView.class),
                Map.entry("Completeness", CompletenessSummary.class),
                Map.entry("CompletenessReason", CompletenessSummary.Reason.class),
                Map.entry("RecordingControlled", RecordingControlled.class),
                Map.entry("ApiError", ApiError.class),
                Map.entry("Pause", RecordingView.PauseView.class),
                Map.entry("InvalidContent", JsonBody.Invalid.class),
                Map.entry("Stale", SeenVersion.Stale.class),
                Map.entry("Call", CallView.class),
                Map.entry("UserDataEntry", CallView.UserDataEntry.class),
                Map.entry("ReceivedEvent", CallView.ReceivedEvent.class),
                Map.entry("Decision", DecisionView.class),
                Map.entry("Dn", DnView.class),
                Map.entry("Rule", RuleView.class),
                Map.entry("PreviewedDecision", PreviewedDecision.class),
                Map.entry("AuditEntry", AuditEntryView.class),
                Map.entry("User", UserView.class),
                Map.entry("Setting", SettingView.class)));
        schemas.forEach((name, type) -> {
            Set<String> fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(fields, documentedFields(name),
                    "schema " + name + " and " + type.getSimpleName() + " disagree");
        });
    }

    /**
     * The request bodies are not bound to records: each is read field by field from a JSON object, and any field not
     * in the reader's list is refused with 400. So a schema must name exactly that list: a documented field the
     * reader does not know would be refused, a field it reads but the document omits would never be used.
     */
    @Test
    void requestSchemasHaveExactlyTheFieldsTheReadersAccept() throws ReflectiveOperationException {
        Map<String, Class<?>> readers = new TreeMap<>(Map.of(
                "CallEvent", CallEventJson.class,
                "DnSettings", DnsResource.class,
                "RuleDraft", RulesResource.class,
                "RuleOrder", RuleOrderBody.class,
                "SampleCall", RuleTestResource.class,
                "NewUser", UserBodies.NewUserBody.class,
                "UserChange", UserBodies.UserChangeBody.class,
                "PasswordChange", UserBodies.PasswordChangeBody.class,
                "SettingChange", SettingsResource.class));
        for (Map.Entry<String, Class<?>> reader : readers.entrySet()) {
            assertEquals(new TreeSet<>(acceptedFields(reader.getValue())), documentedFields(reader.getKey()),
                    "schema " + reader.getKey() + " and the fields " + reader.getValue().getSimpleName()
                            + " reads disagree");
        }
    }

    /**
     * A change to a rule or DN is read as what creating it takes plus the version it is based on: each schema says so,
     * as the creation's schema ({@code allOf}) plus its own fields, and must name exactly the reader's CHANGE_FIELDS.
     */
    @Test
    void aChangeIsWhatCreatingTakesAndTheVersionItIsBasedOn() throws ReflectiveOperationException {
        for (Map.Entry<String, Class<?>> reader : Map.of("RuleChange", RulesResource.class,
                "DnChange", DnsResource.class).entrySet()) {
            Schema<?> change = document.getComponents().getSchemas().get(reader.getKey());
            assertNotNull(change, "no schema " + reader.getKey());
            Set<String> documented = new TreeSet<>(change.getProperties().keySet());
            for (Schema<?> part : ((io.swagger.v3.oas.models.media.ComposedSchema) change).getAllOf()) {
                documented.addAll(documentedFields(part.get$ref().substring(part.get$ref().lastIndexOf('/') + 1)));
            }
            Field fields = reader.getValue().getDeclaredField("CHANGE_FIELDS");
            fields.setAccessible(true);
            assertEquals(new TreeSet<>((Set<?>) fields.get(null)), documented, reader.getKey());
            assertTrue(documented.contains("version"), documented::toString);
        }
    }

    private static Set<String> documentedFields(String schemaName) {
        Schema<?> schema = document.getComponents().getSchemas().get(schemaName);
        assertNotNull(schema, "no schema " + schemaName);
        assertNotNull(schema.getProperties(), "schema " + schemaName + " has no properties");
        return new TreeSet<>(schema.getProperties().keySet());
    }

    /** The reader's {@code FIELDS}: private, as it is the reader's own list; read here so the two cannot drift. */
    private static Set<?> acceptedFields(Class<?> reader) throws ReflectiveOperationException {
        Field fields = reader.getDeclaredField("FIELDS");
        fields.setAccessible(true);
        return (Set<?>) fields.get(null);
    }

    /** {@code {id}} and {@code {callUuid}} alike: only the shape of a path matters, not its parameter names. */
    private static String normalise(String path) {
        String joined = ("/" + path).replaceAll("/+", "/");
        String trimmed = joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1)
                : joined;
        return trimmed.replaceAll("\\{([A-Za-z0-9_]+)(:[^}]*)?}", "{$1}");
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

    /** The classes of this package with a {@code @Path}, read from the build's output folder. */
    private static Set<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        URL self = OpenApiResource.class.getResource("OpenApiResource.class");
        Path folder = Path.of(self.toURI()).getParent();
        Set<Class<?>> found = new java.util.LinkedHashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                try {
                    Class<?> type = Class.forName(OpenApiResource.class.getPackageName() + "." + name);
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        found.add(type);
                    }
                } catch (ClassNotFoundException | NoClassDefFoundError e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
            }
        }
        return found;
    }
}

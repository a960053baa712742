package org.activerecorder.rtp.adapter;

import jakarta.resource.spi.ConfigProperty;
import org.activerecorder.rtp.adapter.receive.ReceiverSettings;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RAR's META-INF/ironjacamar.xml against the code: the connection definition names the real classes and JNDI name, and
 * every config property of the adapter is set from a {@code recorder.rtp.*} system property whose default is the
 * annotation's default.
 */
class IronJacamarDescriptorTest {

    /** IronJacamar's rule: the default is what follows the first ':' up to the first '}'. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(recorder\\.rtp\\.[a-z-]+):([^}]*)}");

    @Test
    void theConnectionDefinitionNamesTheFactoryClassAndTheContractsJndiName() throws Exception {
        Element definition = (Element) descriptor().getElementsByTagName("connection-definition").item(0);

        assertNotNull(definition, "without a connection-definition WildFly does not activate the RAR in an EAR");
        assertEquals(RtpManagedConnectionFactory.class.getName(), definition.getAttribute("class-name"));
        assertEquals(RtpConnectionFactory.JNDI_NAME, definition.getAttribute("jndi-name"));
        assertTrue(!definition.getAttribute("pool-name").isEmpty());
    }

    @Test
    void everyConfigPropertyComesFromASystemPropertyDefaultingToTheAnnotatedDefault() throws Exception {
        NodeList properties = descriptor().getElementsByTagName("config-property");
        Map<String, String> defaults = new HashMap<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            String name = property.getAttribute("name");
            Matcher expression = EXPRESSION.matcher(property.getTextContent().trim());
            assertTrue(expression.matches(), name + " should be a ${recorder.rtp.*:default} expression");

            Field field = RtpResourceAdapter.class.getDeclaredField(name);
            ConfigProperty annotation = field.getAnnotation(ConfigProperty.class);
            assertNotNull(annotation, name + " is not a config property of the adapter");
            assertEquals(annotation.defaultValue(), expression.group(2), name + ": descriptor and annotation disagree");
            String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            RtpResourceAdapter.class.getMethod(setter, field.getType());
            defaults.put(name, expression.group(2));
        }
        long annotated = java.util.Arrays.stream(RtpResourceAdapter.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(ConfigProperty.class)).count();
        assertEquals(annotated, defaults.size(), "every config property is set in the descriptor");

        ReceiverSettings settings = ReceiverSettings.parse(defaults.get("bindAddress"),
                Integer.valueOf(defaults.get("portMin")), Integer.valueOf(defaults.get("portMax")),
                Integer.valueOf(defaults.get("receiveLoops")), defaults.get("allowedPeers"),
                Integer.valueOf(defaults.get("quietLimitSeconds")), Integer.valueOf(defaults.get("receiveBufferBytes")),
                Integer.valueOf(defaults.get("decodeHoldLimitSeconds")));
        assertEquals(ReceiverSettings.DEFAULT_DECODE_HOLD_LIMIT_SECONDS, settings.decodeHoldLimit().toSeconds());
        ReceiverSettings shared = ReceiverSettings.parse(defaults.get("bindAddress"),
                Integer.valueOf(defaults.get("portMin")), Integer.valueOf(defaults.get("portMax")),
                Integer.valueOf(defaults.get("receiveLoops")), defaults.get("allowedPeers"),
                Integer.valueOf(defaults.get("quietLimitSeconds")), Integer.valueOf(defaults.get("receiveBufferBytes")),
                Integer.valueOf(defaults.get("decodeHoldLimitSeconds")), Integer.valueOf(defaults.get("streamsPerPort")),
                defaults.get("portSharing"));
        assertEquals(ReceiverSettings.DEFAULT_STREAMS_PER_PORT, shared.streamsPerPort());
        assertEquals(ReceiverSettings.PortSharing.PROVEN, shared.portSharing(),
                "by default only senders that have shown where they send from share ports (docs/port-groups.md)");

        // issue 14's target: 3,000 two-party calls, each stream an RTP/RTCP pair (no rtcp-mux), a quarter more for
        // calls ending while others start; below Linux's ephemeral ports (32768-60999), which other programs draw on
        assertTrue(settings.portPairs() >= 3000 * 2 * 5 / 4, settings.portPairs() + " pairs by default");
        assertTrue(settings.portMax() < 32768, "the default range ends below the ephemeral range");
    }

    /** The RAR's own META-INF (src/main/rar), which WildFly reads; one inside the adapter jar would be ignored. */
    private static Document descriptor() throws Exception {
        Path file = Path.of("src/main/rar/META-INF/ironjacamar.xml");
        assertTrue(Files.isRegularFile(file), "META-INF/ironjacamar.xml of the RAR is missing");
        try (InputStream xml = Files.newInputStream(file)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
        }
    }
}

package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Fails a test that printed anything to standard error. Parsers inside the JDK and JAIN-SIP print a line (or a stack
 * trace) per malformed input unless told not to; in WildFly each one is an ERROR entry a peer can produce at will.
 */
final class NothingOnStandardError implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NothingOnStandardError.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        context.getStore(NAMESPACE).put("original", System.err);
        context.getStore(NAMESPACE).put("captured", captured);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setErr(context.getStore(NAMESPACE).get("original", PrintStream.class));
        String printed = context.getStore(NAMESPACE).get("captured", ByteArrayOutputStream.class)
                .toString(StandardCharsets.UTF_8);
        if (!printed.isEmpty()) {
            throw new AssertionError("printed to standard error: " + printed);
        }
    }
}

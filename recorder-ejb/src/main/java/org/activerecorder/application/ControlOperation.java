package org.activerecorder.application;

import java.util.Arrays;
import java.util.Optional;

/**
 * The operations a third party may ask of a call's recording, with the T-Lib private service each stands for
 * ({@code TRequestPrivateService} 3013–3016), which a call-control bridge translates. {@code START} is named so that
 * it can be refused clearly: it comes in a later step.
 */
public enum ControlOperation {
    START(3013),
    STOP(3014),
    PAUSE(3015),
    RESUME(3016);

    private final int privateService;

    ControlOperation(int privateService) {
        this.privateService = privateService;
    }

    /** The T-Lib private service operation number. */
    public int privateService() {
        return privateService;
    }

    /** The operation named by a path segment, in any case: {@code pause}, {@code RESUME}... */
    public static Optional<ControlOperation> named(String name) {
        return Arrays.stream(values()).filter(op -> op.name().equalsIgnoreCase(name)).findFirst();
    }
}

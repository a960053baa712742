package org.activerecorder.domain.model.rule;

/** What made a decision, in the order they are asked. */
public enum DecisionSource {
    /** A routing strategy's {@code record} extension ({@code TRouteCall}), passed on in the call event. */
    ROUTING,
    /** The DN is configured always-recorded. */
    DN_CONFIGURATION,
    /** A recording rule (its id and version are stored with the decision). */
    RULE,
    /** Nothing said record: no routing instruction, DN configuration or rule applied. */
    NONE
}

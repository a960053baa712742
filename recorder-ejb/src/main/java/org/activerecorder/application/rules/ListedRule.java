package org.activerecorder.application.rules;

/**
 * A rule as the caller's list showed it: its id and the version it was at ({@link RuleView#id()},
 * {@link RuleView#version()}). An order given as these is refused when the rules moved on since the list was read.
 */
public record ListedRule(long id, int version) {
}

/**
 * Recording rules: what a rule matches in a call ({@link org.activerecorder.domain.model.rule.RuleCriteria}), what it
 * decides ({@link org.activerecorder.domain.model.rule.RuleOutcome}), its versions (every save is a new
 * {@link org.activerecorder.domain.model.rule.RuleVersion}; decisions name the version that made them), the order in
 * which rules are tried ({@link org.activerecorder.domain.model.rule.RuleBook}) and the decisions stored with a call
 * ({@link org.activerecorder.domain.model.rule.RecordingDecision}). Pure: evaluation needs no database and no clock.
 */
package org.activerecorder.domain.model.rule;

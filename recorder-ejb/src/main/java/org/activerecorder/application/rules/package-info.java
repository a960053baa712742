/**
 * Use cases of the first, second and fourth ways a recording starts: the DN configuration ({@link
 * org.activerecorder.application.rules.DnDirectory}), the recording rules ({@link
 * org.activerecorder.application.rules.RuleCatalog}), and the decision taken on each call event ({@link
 * org.activerecorder.application.rules.CallDecisions}): routing instruction, then always-recorded DN, then rules.
 */
package org.activerecorder.application.rules;

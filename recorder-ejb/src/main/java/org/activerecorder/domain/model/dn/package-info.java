/**
 * The DN configuration: each DN the recorder knows by type (extension, ACD position, agent login, trunk group,
 * treatment port, routing point), and whether it is always recorded, the first of the four ways a recording starts:
 * a DN marked always-recorded needs no rule.
 */
package org.activerecorder.domain.model.dn;

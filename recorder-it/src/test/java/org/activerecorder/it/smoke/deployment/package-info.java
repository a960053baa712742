/**
 * Server side of the smoke tests: a small WAR of its own (not the recorder EAR) that uses the server
 * configuration the way the application will — RecorderDS over JDBC, the security tables and a bcrypt
 * password, web security through the "recorder" domain, and the RecordingEvents topic through the
 * in-server connection factory and an MDB. Only the tests in {@code org.activerecorder.it.smoke} deploy it.
 */
package org.activerecorder.it.smoke.deployment;

/**
 * People and systems that log in to the console, the API and the event topic. The server's Elytron
 * realm reads the same two tables to authenticate them, so their shape is a contract with
 * {@code wildfly-config/src/main/cli/security.cli}.
 */
package org.activerecorder.domain.model.user;

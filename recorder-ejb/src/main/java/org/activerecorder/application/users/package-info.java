/**
 * Managing the people and systems that log in: accounts, roles, passwords (administrators manage everyone; every
 * user changes their own password). Every change is written to the audit log in its transaction.
 */
package org.activerecorder.application.users;

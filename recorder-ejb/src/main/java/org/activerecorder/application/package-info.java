/**
 * Use cases, one interface each, called by the interfaces layer (SIP, REST, Faces, JMS).
 * Implementations live in {@code application.internal}.
 */
package org.activerecorder.application;

/**
 * Use cases, one interface each, called by the interfaces layer (SIP, REST, Faces, JMS) and by the inbound
 * adapters in infrastructure (the media plane's {@link org.activerecorder.application.StreamReports}).
 * Implementations live in {@code application.internal}, which nothing outside the application uses; what the
 * application needs from outside is in {@code application.ports}.
 */
package org.activerecorder.application;

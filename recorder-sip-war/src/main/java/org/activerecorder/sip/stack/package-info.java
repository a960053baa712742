/**
 * The JAIN-SIP stack as a component the application starts and stops: its configuration
 * ({@code recorder.sip.*} system properties), its listening points, and adapters that send its logging
 * to java.util.logging, and so to the WildFly server log, instead of log4j.
 */
package org.activerecorder.sip.stack;

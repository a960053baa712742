/**
 * The SIP side's only state: which dialog carries which recorder stream, and where each session is
 * in its short life (opening, established, ended). Everything else about a recording lives in the
 * domain (recorder-ejb). Entries are removed on BYE, CANCEL, refusal and dialog termination, so the
 * registry cannot grow with calls that are over.
 */
package org.activerecorder.sip.session;

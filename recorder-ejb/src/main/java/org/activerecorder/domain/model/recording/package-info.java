/**
 * The recording aggregate: one recording of a call, made of the streams (one per party) the Media Server
 * sends, and finished as one time-aligned stereo file.
 */
package org.activerecorder.domain.model.recording;

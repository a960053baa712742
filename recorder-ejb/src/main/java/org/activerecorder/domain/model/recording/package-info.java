/**
 * The recording aggregate: one recording of a call, made of the streams (one or more per party) the Media Server
 * sends, and finished as one time-aligned stereo file. Each stream keeps its completeness record (the media plane's
 * counters, its gaps with their causes, its key presses); the {@link org.activerecorder.domain.model.recording.CompletenessPolicy}
 * decides from them whether a finished recording is complete or incomplete, and says why.
 */
package org.activerecorder.domain.model.recording;

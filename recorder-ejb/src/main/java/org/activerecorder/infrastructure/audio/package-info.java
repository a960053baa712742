/**
 * Audio files: assembling the parties' mono streams into the finished, time-aligned stereo recording.
 */
package org.activerecorder.infrastructure.audio;

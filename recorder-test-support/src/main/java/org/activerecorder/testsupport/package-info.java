/**
 * Test fixtures shared by the modules' tests: tones encoded with the JDK's own G.711 codec (independent of
 * the recorder's decoder), a Goertzel filter, and a WAV reader built on javax.sound. Test scope only.
 */
package org.activerecorder.testsupport;

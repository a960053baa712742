/**
 * Live listening: a supervisor hears an active recording in the browser with a few seconds of delay. The media
 * plane's {@code AudioTap} hands each stream's decoded audio over on its receive loop; {@link
 * org.activerecorder.application.live.StreamTapHub} copies it into one bounded {@link
 * org.activerecorder.application.live.SampleRing} per listener, never blocking and dropping (with a count) what a
 * slow listener does not take; the web tier drains the rings into WebSocket frames. Nothing here can slow, block or
 * change the recording: the file gets every sample whatever a listener does.
 */
package org.activerecorder.application.live;

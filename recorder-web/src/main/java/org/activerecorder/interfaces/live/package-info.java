/**
 * Live listening over a WebSocket ({@code /live/recordings/{id}}, docs/live-listen.md): the active recording's
 * decoded audio, a few seconds behind, for supervisors and administrators.
 */
package org.activerecorder.interfaces.live;

/**
 * What the application needs from outside that is not a repository (repositories are the domain's own ports, in
 * {@code domain.model}): the recordings folder and its files, and stereo assembly. Infrastructure implements each
 * port as a CDI bean; the application services see only these interfaces and the values they carry, so they can
 * be tested against in-memory implementations and the application never depends on infrastructure (LayeringTest).
 * They sit in one package rather than beside their users because several services share them, and a port next to
 * one user would hide it from the others. Events and the connector have their ports already, in
 * {@code application.events} ({@code RecordingEvents}) and {@code application.calls} ({@code CallControl}).
 */
package org.activerecorder.application.ports;

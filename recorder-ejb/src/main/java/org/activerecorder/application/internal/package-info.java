/**
 * Implementations of the use cases: transaction boundaries, orchestration of the domain, the media
 * adapter and the event topic. Business rules stay in the domain model.
 */
package org.activerecorder.application.internal;

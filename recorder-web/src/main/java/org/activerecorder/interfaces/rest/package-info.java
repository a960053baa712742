/**
 * The recorder's REST API under {@code /api}: JSON in and out, translated to and from the application's
 * use cases; no business rules here. Errors are JSON objects with a message.
 */
package org.activerecorder.interfaces.rest;

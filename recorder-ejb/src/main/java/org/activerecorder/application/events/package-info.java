/**
 * The events the recorder publishes on its JMS topic for enterprise consumers, as JSON. Their field
 * names are a public contract: add fields freely, never rename or remove one.
 */
package org.activerecorder.application.events;

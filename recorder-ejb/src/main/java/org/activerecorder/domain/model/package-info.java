/**
 * The recording domain: calls, their recordings and the streams recorded for them, with the behaviour
 * that keeps them consistent. Value objects shared by all aggregates (ids, DNs) live here; each
 * aggregate has its own sub-package with its entities and repository interface.
 */
package org.activerecorder.domain.model;

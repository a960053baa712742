/**
 * The database schema's versions: Flyway migrations run at start-up, then Hibernate checks the entities
 * against the result.
 */
package org.activerecorder.infrastructure.persistence.migration;

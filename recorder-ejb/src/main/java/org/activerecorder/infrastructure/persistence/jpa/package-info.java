/**
 * JPA (Hibernate) implementations of the domain's repositories, and converters that store the domain's
 * value objects as plain columns.
 */
package org.activerecorder.infrastructure.persistence.jpa;

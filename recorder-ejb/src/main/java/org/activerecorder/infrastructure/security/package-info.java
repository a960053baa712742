/**
 * Accounts: the first administrator and password hashing in the form the server's realm verifies.
 */
package org.activerecorder.infrastructure.security;

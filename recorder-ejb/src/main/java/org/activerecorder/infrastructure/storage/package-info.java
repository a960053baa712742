/**
 * Where recordings live on disk and how their files are named.
 */
package org.activerecorder.infrastructure.storage;

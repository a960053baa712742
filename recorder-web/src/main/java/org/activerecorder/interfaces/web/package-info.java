/**
 * The admin console (Jakarta Faces): backing beans that read through the application's use cases.
 */
package org.activerecorder.interfaces.web;

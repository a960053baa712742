package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Roots the REST API at {@code /api}. Resources and providers are discovered by annotation. */
@ApplicationPath("api")
public class RecorderApi extends Application {
}

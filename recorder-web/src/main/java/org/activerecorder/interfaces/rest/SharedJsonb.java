package org.activerecorder.interfaces.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON-B instance every answer (and body) of the API is written (and read) with: the default configuration,
 * as before, built once.
 *
 * <p>Why a resolver at all: without one, RESTEasy 6.2's JSON-B provider builds a new {@link Jsonb} for every entity
 * it writes or reads, and building one is the dearest part of a small answer: Yasson makes a context, asks CDI for the
 * bean manager (Weld finds its caller by filling in a stack trace) and looks classes up through the modules, failing
 * some. A {@link Jsonb} is thread-safe and meant to be shared (docs/performance.md, "Series AJ").
 */
@Provider
public class SharedJsonb implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}

package org.activerecorder.interfaces.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file handed out over HTTP whole (200) or one byte range of it (206, RFC 9110), so that players can seek. Its
 * entity tag, when it has one, is strong: the file's SHA-256 as recorded when it was written, which changes exactly
 * when its bytes do; {@code If-Range} is honoured only with that tag, and without a tag a conditional range gets the
 * whole file (the one safe answer when the server cannot tell whether the client's bytes are still current).
 *
 * @param file  the file
 * @param size  its length in bytes
 * @param etag  its quoted entity tag; null when its SHA-256 is not known
 */
record RangedFile(Path file, long size, String etag) {

    /** {@code file}, tagged with {@code sha256} (null: untagged). */
    static RangedFile of(Path file, String sha256) {
        try {
            return new RangedFile(file, Files.size(file), sha256 == null ? null : '"' + sha256 + '"');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What to send for the request's {@code Range} and {@code If-Range} (either null when absent): a range asked on
     * condition is served only while the condition names this file's tag exactly (a date or a weak tag never does).
     */
    ByteRange select(String range, String ifRange) {
        if (ifRange != null && (etag == null || !etag.equals(ifRange.trim()))) {
            return ByteRange.whole(size);
        }
        return ByteRange.of(range, size);
    }

    /**
     * The answer that sends {@code range} of the file as {@code mediaType} with {@code disposition}; every answer says
     * that ranges are served, and names the tag when there is one.
     */
    Response answer(ByteRange range, String mediaType, String disposition) {
        Response.ResponseBuilder answer = switch (range.kind()) {
            case WHOLE -> Response.ok(body(range), mediaType);
            case PART -> Response.status(Response.Status.PARTIAL_CONTENT).type(mediaType)
                    .entity(body(range)).header("Content-Range", range.contentRange());
            case UNSATISFIABLE -> Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(unsatisfiable())
                    .header("Content-Range", range.contentRange());
        };
        if (range.kind() != ByteRange.Kind.UNSATISFIABLE) {
            answer.header("Content-Length", range.count()).header("Content-Disposition", disposition);
        }
        if (etag != null) {
            answer.header("ETag", etag);
        }
        return answer.header("Accept-Ranges", "bytes").build();
    }

    private ApiError unsatisfiable() {
        Response.Status status = Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE;
        return new ApiError(status.getStatusCode(), status.getReasonPhrase(), "no byte of the range asked for is among the "
                + size + " bytes of the file (positions run from 0 to " + (size - 1) + ")");
    }

    /** The bytes of {@code range} (whole or a part), read from the file as the response is written. */
    StreamingOutput body(ByteRange range) {
        long first = range.first();
        long count = range.count();
        return out -> {
            WritableByteChannel target = Channels.newChannel(out);
            try (FileChannel source = FileChannel.open(file)) {
                long sent = 0;
                while (sent < count) {
                    long moved = source.transferTo(first + sent, count - sent, target);
                    if (moved <= 0) {
                        // the length is already announced: a short body is the one honest way left to fail
                        throw new IOException(file.getFileName() + " ended at " + (first + sent) + " bytes, "
                                + (count - sent) + " short of what was announced");
                    }
                    sent += moved;
                }
            }
        };
    }
}

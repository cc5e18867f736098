package org.parley.web;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The body of a request that uploads a CSV file, read within a byte limit. A body of another
 * media type is answered with 415 and one over the limit with 413.
 *
 * @param noun        what the file is called in messages, such as {@code balance file}
 * @param code        the stem of the error codes, such as {@code balance_file}
 * @param maxBytes    the largest body accepted
 * @param splitAdvice how to split a file that is too large, said after "; "
 */
public record CsvUpload(String noun, String code, long maxBytes, String splitAdvice) {

    private static final List<MediaType> ACCEPTED = List.of(MediaTypes.create("text", "csv"),
            MediaTypes.create("application", "csv"), MediaTypes.APPLICATION_OCTET_STREAM);

    /**
     * The uploaded file's bytes, or empty when the request was refused and answered here.
     *
     * @throws BadInputException when the body is empty
     */
    public Optional<byte[]> read(ServerRequest req, ServerResponse res) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !acceptable(type.get())) {
            Problems.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "A " + noun + " is sent as 'Content-Type: text/csv' in UTF-8, not '"
                            + type.get().text() + "'; with curl, add -H 'Content-Type: text/csv'");
            return Optional.empty();
        }
        if (req.headers().contentLength().orElse(0) > maxBytes) {
            refuseTooLarge(res);
            return Optional.empty();
        }

        Optional<byte[]> body = body(req);
        if (body.isEmpty()) {
            refuseTooLarge(res);
            return Optional.empty();
        }
        if (body.get().length == 0) {
            throw new BadInputException("empty_" + code, "The request body is empty; send "
                    + "the " + noun + " as the body with 'Content-Type: text/csv'");
        }
        return body;
    }

    private static boolean acceptable(HttpMediaType type) {
        boolean utf8 = type.charset().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true);
        return utf8 && ACCEPTED.stream().anyMatch(type::test);
    }

    /** The body, or empty when it is longer than the limit (a chunked body has no length). */
    private Optional<byte[]> body(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + noun + " from the request", e);
        }
    }

    private void refuseTooLarge(ServerResponse res) {
        long mb = 1024 * 1024;
        String limit = maxBytes % mb == 0 ? maxBytes / mb + " MB" : maxBytes + " bytes";
        Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, code + "_too_large",
                "The " + noun + " is larger than the limit of " + limit + "; " + splitAdvice);
    }
}

package org.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Parley's own page files, kept under {@code web/} in the jar. */
public final class WebResources {

    private WebResources() {
    }

    /**
     * The file's text, in UTF-8.
     *
     * @throws IllegalStateException when the jar lacks the file: a build fault, not bad input
     */
    public static String text(String file) {
        try (InputStream in = WebResources.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("web/" + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

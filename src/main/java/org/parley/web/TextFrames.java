package org.parley.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Puts a WebSocket text frame back together from the parts a socket hands over, keeping at most
 * a limit: a frame larger than that is refused whole, never cut. One per connection; not shared
 * between threads.
 */
public final class TextFrames {

    /** A whole frame, or the note that it was too large to keep. */
    public record Frame(String text, boolean tooLarge) {
    }

    private final int maxBytes;
    private final StringBuilder partial = new StringBuilder();
    private boolean oversized;

    public TextFrames(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds one part; returns the frame once its last part arrived, empty before that. */
    public Optional<Frame> add(String text, boolean last) {
        if (!oversized) {
            partial.append(text);
            oversized = partial.toString().getBytes(StandardCharsets.UTF_8).length > maxBytes;
        }
        if (!last) {
            return Optional.empty();
        }
        Frame frame = new Frame(oversized ? "" : partial.toString(), oversized);
        partial.setLength(0);
        oversized = false;
        return Optional.of(frame);
    }
}

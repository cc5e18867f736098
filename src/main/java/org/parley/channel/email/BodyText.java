package org.parley.channel.email;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A mail body as text: bytes decoded by their charset label, trusting the bytes over the label
 * when the two disagree in the usual way, and HTML turned into readable lines by jsoup after the
 * quoted history that mail clients wrap in known elements is taken out.
 */
final class BodyText {

    /**
     * Labels that mail clients put on UTF-8 text by mistake: when such a body is valid UTF-8
     * with non-ASCII bytes, it is UTF-8 (a Latin-1 text of real words almost never is).
     */
    private static final Set<String> WEAK_LABELS = Set.of("us-ascii", "ascii", "iso-8859-1",
            "latin1", "windows-1252", "cp1252");

    /** Elements that hold quoted history or a signature, by client. */
    private static final String QUOTED = String.join(", ",
            "blockquote", // Apple Mail, Thunderbird, Gmail's own quote
            "div.gmail_quote", "div.gmail_signature", "[data-smartmail=gmail_signature]",
            "div.yahoo_quoted", "div.moz-cite-prefix",
            "#mail-editor-reference-message-container", "div.protonmail_quote",
            "div#Signature", "div.OutlookMessageHeader");

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2",
            "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr", "section",
            "article", "header", "footer");

    private BodyText() {
    }

    /** The text of {@code bytes}, labelled {@code label} (empty when the part had none). */
    static String decode(byte[] bytes, Optional<String> label) {
        Optional<Charset> labelled = label.flatMap(BodyText::charset);
        String name = label.map(l -> l.strip().toLowerCase(Locale.ROOT)).orElse("");
        boolean weak = labelled.isEmpty() || WEAK_LABELS.contains(name);
        if (weak) {
            Optional<String> utf8 = strictUtf8(bytes);
            if (utf8.isPresent()) {
                return utf8.get();
            }
            return new String(bytes, labelled.filter(c -> !c.name().equals("US-ASCII"))
                    .orElse(Charset.forName("windows-1252")));
        }
        if (labelled.get().equals(StandardCharsets.UTF_8)) {
            // Labelled UTF-8 but not valid UTF-8: a Windows client's Latin text.
            return strictUtf8(bytes).orElseGet(() -> new String(bytes,
                    Charset.forName("windows-1252")));
        }
        return new String(bytes, labelled.get());
    }

    /** Readable text of an HTML body, quoted history and signatures left out when possible. */
    static String fromHtml(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("style, script, head, title").remove();
        Document stripped = doc.clone();
        stripped.select(QUOTED).remove();
        // Outlook on the web puts the quoted mail after its markers, not inside them: an empty
        // div before the rule, and the header block (From, Sent, To, Subject) after it.
        for (Element marker : stripped.select("div#appendonsend, div#divRplyFwdMsg")) {
            if (marker.parent() != null) {
                cutFrom(marker);
            }
        }
        String text = text(stripped.body());
        return text.isBlank() ? text(doc.body()) : text;
    }

    /**
     * Removes {@code marker}, the rule just above it, and everything after it in the document:
     * its following siblings, then those of each ancestor up to the body.
     */
    private static void cutFrom(Element marker) {
        Element before = marker.previousElementSibling();
        if (before != null && before.normalName().equals("hr")) {
            before.remove();
        }
        Element level = marker;
        while (level != null && !level.normalName().equals("body")) {
            Node next = level.nextSibling();
            while (next != null) {
                Node after = next.nextSibling();
                next.remove();
                next = after;
            }
            level = level.parent();
        }
        marker.remove();
    }

    /** The element's text, one line per block and line break, without runs of blank lines. */
    static String text(Element root) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text().replace('\u00A0', ' '));
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())
                        && !e.normalName().equals("br")) {
                    newline(out);
                }
            }
        }, root);
        StringBuilder lines = new StringBuilder();
        int blank = 0;
        for (String line : out.toString().split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                blank++;
                continue;
            }
            if (!lines.isEmpty()) {
                lines.append(blank > 1 ? "\n\n" : "\n");
            }
            lines.append(trimmed);
            blank = 0;
        }
        return lines.toString();
    }

    private static void newline(StringBuilder out) {
        out.append('\n');
    }

    private static Optional<String> strictUtf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Charset> charset(String label) {
        String name = label.strip().replace("\"", "");
        try {
            return Optional.of(Charset.forName(name));
        } catch (RuntimeException e) {
            // An unknown or garbled label: the bytes decide.
            return Optional.empty();
        }
    }
}

package org.parley.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.parley.csv.CsvFileRejected.Problem;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The text of an uploaded CSV file split into rows of raw values, each with the line it starts
 * on, by Jackson's CSV parser. The files' own checks (columns, values) are their importers'.
 */
public final class CsvRows {

    private static final CsvFactory CSV = new CsvFactory();

    private CsvRows() {
    }

    /**
     * How one kind of file is named in messages and refused.
     *
     * @param noun   such as {@code balance file}
     * @param refuse makes the rejection from a message and the problems it lists
     */
    public record Kind<E extends CsvFileRejected>(String noun, Refusal<E> refuse) {
    }

    /** Makes the rejection of one kind of file. */
    @FunctionalInterface
    public interface Refusal<E extends CsvFileRejected> {
        /**
         * @param unlisted how many more problems were found than {@code problems} lists
         */
        E of(String message, List<Problem> problems, int unlisted);
    }

    /**
     * Decodes a file's bytes as UTF-8, refusing any byte that is not.
     *
     * @throws CsvFileRejected naming the line of the first bad byte
     */
    public static String utf8(byte[] bytes, Kind<?> kind) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            Problem problem = new Problem(line, "", String.format("byte 0x%02X", bytes[bad] & 0xFF),
                    "UTF-8 text; save the file as CSV UTF-8");
            throw kind.refuse().of("The " + kind.noun() + " is not UTF-8 text (line " + line
                    + "); nothing was applied. Save it as CSV UTF-8 and import it again.",
                    List.of(problem), 0);
        }
    }

    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        decoder.decode(in, CharBuffer.allocate(bytes.length), true);
        return Math.min(in.position(), bytes.length - 1);
    }

    /**
     * Splits the text into rows of values, noting each row's line, and hands them to
     * {@code sink} one by one. A byte order mark at the start is skipped.
     *
     * @throws CsvFileRejected when the text is not valid CSV
     */
    public static void each(Reader csv, Kind<?> kind, Consumer<Row> sink) {
        int rowLine = 1;
        try (CsvParser parser = (CsvParser) CSV.createParser(withoutBom(csv))) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                // The row token sits at the end of the previous row; its first value is exact.
                rowLine = Math.max(1, (int) parser.currentTokenLocation().getLineNr() + 1);
                List<String> values = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (values.isEmpty()) {
                        rowLine = (int) parser.currentTokenLocation().getLineNr();
                    }
                    values.add(parser.getText());
                }
                sink.accept(new Row(rowLine, values));
            }
        } catch (JsonProcessingException e) {
            throw kind.refuse().of("The " + kind.noun() + " is not valid CSV from line "
                    + rowLine + " (" + e.getOriginalMessage() + "); nothing was applied. Close "
                    + "every quoted value with a quote, write a quote inside one as two quotes, "
                    + "and import it again.", List.of(new Problem(rowLine, "",
                    e.getOriginalMessage(), "CSV where every quoted value ends with a quote")),
                    0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + kind.noun(), e);
        }
    }

    private static Reader withoutBom(Reader csv) throws IOException {
        PushbackReader reader = new PushbackReader(csv, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    /** One row of the file as written: its line and its values, not yet stripped or checked. */
    public record Row(int line, List<String> values) {

        public Row {
            values = List.copyOf(values);
        }

        /** A line with nothing on it, or only spaces. */
        public boolean isBlankLine() {
            return values.size() <= 1 && isBlank();
        }

        /** A row whose every value is empty, such as a line of only commas. */
        public boolean isBlank() {
            return values.stream().allMatch(String::isBlank);
        }
    }
}

package org.parley.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The text of a CSV file the API takes (balances, application statuses) split into rows of raw
 * values with Jackson's CSV parser, each row with the line it starts on, so that every problem
 * can be named by line.
 */
public final class CsvRows {

    private static final CsvFactory CSV = new CsvFactory();

    private CsvRows() {
    }

    /** One row as written: where it starts and its values, not yet stripped or checked. */
    public record Row(int line, List<String> values) {
        public Row {
            values = List.copyOf(values);
        }
    }

    /** Text that is not CSV from {@code line} on, as the parser says in {@code detail}. */
    public static final class Malformed extends RuntimeException {

        private final int line;

        Malformed(int line, String detail) {
            super(detail, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * Hands each row of {@code csv} to {@code sink}, in order; a byte order mark is skipped.
     *
     * @throws Malformed when the text is not valid CSV
     */
    public static void each(Reader csv, Consumer<Row> sink) {
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
            throw new Malformed(rowLine, e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the CSV text", e);
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
}

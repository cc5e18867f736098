package org.parley.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.parley.billing.BalanceFileRejected.Problem;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The text of a balance file split into rows of raw values, each with the line it starts on. */
final class BalanceRows {

    private static final CsvFactory CSV = new CsvFactory();

    private BalanceRows() {
    }

    /**
     * Splits the text into rows of values with Jackson's CSV parser, noting each row's line, and
     * hands them to {@code sink} one by one.
     *
     * @throws BalanceFileRejected when the text is not valid CSV
     */
    static void each(Reader csv, Consumer<Row> sink) {
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
            throw new BalanceFileRejected("The balance file is not valid CSV from line " + rowLine
                    + " (" + e.getOriginalMessage() + "); nothing was applied. Close every quoted "
                    + "value with a quote, write a quote inside one as two quotes, and import "
                    + "it again.", List.of(new Problem(rowLine, "", e.getOriginalMessage(),
                    "CSV where every quoted value ends with a quote")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the balance file", e);
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
    record Row(int line, List<String> values) {

        /** A line with nothing on it, or only spaces. */
        boolean isBlankLine() {
            return values.size() <= 1 && isBlank();
        }

        /** A row whose every value is empty, such as a line of only commas. */
        boolean isBlank() {
            return values.stream().allMatch(String::isBlank);
        }
    }
}

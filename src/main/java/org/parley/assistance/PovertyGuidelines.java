package org.parley.assistance;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The federal poverty guidelines as data, by year and {@link Region}: the yearly income of a
 * household of each size. Read from {@code assistance/poverty-guidelines.yaml}; a new year is a
 * new block in that file.
 */
public final class PovertyGuidelines {

    private static final String RESOURCE = "/assistance/poverty-guidelines.yaml";

    private final NavigableMap<Integer, Map<Region, Table>> years;

    private PovertyGuidelines(NavigableMap<Integer, Map<Region, Table>> years) {
        this.years = years;
    }

    /** One region's figures of one year. */
    private record Table(List<BigDecimal> sizes, BigDecimal eachMore) {
    }

    /** The guidelines shipped with Parley. */
    public static PovertyGuidelines load() {
        try (InputStream in = PovertyGuidelines.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads guidelines in the format of the shipped file.
     *
     * @throws IllegalStateException naming the year, region and field that is wrong
     */
    static PovertyGuidelines read(Reader yaml, String source) {
        Object root = new Yaml(new LoaderOptions()).load(yaml);
        if (!(root instanceof Map<?, ?> byYear) || byYear.isEmpty()) {
            throw new IllegalStateException(source + ": expected years, such as '2026:'");
        }
        NavigableMap<Integer, Map<Region, Table>> years = new TreeMap<>();
        byYear.forEach((year, regions) -> {
            String where = source + ": " + year;
            if (!(year instanceof Integer y) || !(regions instanceof Map<?, ?> byRegion)) {
                throw new IllegalStateException(where + ": expected a year with its regions");
            }
            Map<Region, Table> tables = new EnumMap<>(Region.class);
            byRegion.forEach((name, figures) -> {
                Region region = Region.of(String.valueOf(name)).orElseThrow(() ->
                        new IllegalStateException(where + ": unknown region '" + name
                                + "'; use contiguous, alaska or hawaii"));
                tables.put(region, table(where + " " + name, figures));
            });
            if (tables.size() != Region.values().length) {
                throw new IllegalStateException(where + ": every region needs figures; found "
                        + tables.keySet());
            }
            years.put(y, tables);
        });
        return new PovertyGuidelines(years);
    }

    private static Table table(String where, Object figures) {
        if (!(figures instanceof Map<?, ?> fields)
                || !(fields.get("sizes") instanceof List<?> sizes) || sizes.isEmpty()
                || fields.get("each-more") == null) {
            throw new IllegalStateException(where + ": expected 'sizes: [...]' and 'each-more'");
        }
        return new Table(sizes.stream().map(s -> new BigDecimal(s.toString())).toList(),
                new BigDecimal(fields.get("each-more").toString()));
    }

    /**
     * The guideline in force in {@code year}: that year's, or the latest earlier one.
     *
     * @throws IllegalArgumentException when no guideline is that old
     */
    public int yearFor(int year) {
        Integer found = years.floorKey(year);
        if (found == null) {
            throw new IllegalArgumentException("No poverty guidelines for " + year
                    + " or earlier; the first year on file is " + years.firstKey());
        }
        return found;
    }

    /** The years on file, oldest first. */
    public List<Integer> years() {
        return List.copyOf(years.keySet());
    }

    /**
     * The yearly income at 100% of the guideline for a household of {@code size} people in
     * {@code region} in {@code year}'s guidelines.
     */
    public BigDecimal annual(int year, Region region, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A household has at least 1 person, not " + size);
        }
        Map<Region, Table> tables = years.get(year);
        if (tables == null) {
            throw new IllegalArgumentException("No poverty guidelines for " + year + "; years on "
                    + "file: " + years.keySet());
        }
        Table table = tables.get(region);
        int listed = table.sizes().size();
        if (size <= listed) {
            return table.sizes().get(size - 1);
        }
        return table.sizes().get(listed - 1)
                .add(table.eachMore().multiply(BigDecimal.valueOf(size - listed)));
    }
}

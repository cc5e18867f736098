package org.parley.bench;

import java.util.Arrays;
import java.util.List;

/** Durations in nanoseconds, kept whole so percentiles are exact; one per worker, then merged. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int count() {
        return size;
    }

    /** All of {@code parts} together, sorted. */
    static Latencies merged(List<Latencies> parts) {
        Latencies all = new Latencies();
        all.values = new long[Math.max(1, parts.stream().mapToInt(Latencies::count).sum())];
        for (Latencies part : parts) {
            System.arraycopy(part.values, 0, all.values, all.size, part.size);
            all.size += part.size;
        }
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    /** The value at {@code percentile} (0-100) by the nearest-rank method, in milliseconds. */
    double millis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * size);
        return values[Math.min(size, Math.max(rank, 1)) - 1] / 1e6;
    }

    double maxMillis() {
        return size == 0 ? Double.NaN : values[size - 1] / 1e6;
    }
}

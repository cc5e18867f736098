package org.parley.i18n;

/**
 * A day counted from today, written the way the reader's language says it: "tomorrow", "in 27
 * days", "hace 3 días".
 */
public record RelativeDays(long days) {
}

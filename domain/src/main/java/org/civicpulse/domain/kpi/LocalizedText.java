package org.civicpulse.domain.kpi;

import java.util.Locale;
import java.util.Objects;

/** A text in Vietnamese and English. */
public record LocalizedText(String vi, String en) {

    public LocalizedText {
        Objects.requireNonNull(vi, "vi");
        Objects.requireNonNull(en, "en");
    }

    /** Vietnamese for a {@code vi} locale, English otherwise. */
    public String in(Locale locale) {
        return locale != null && "vi".equals(locale.getLanguage()) ? vi : en;
    }
}

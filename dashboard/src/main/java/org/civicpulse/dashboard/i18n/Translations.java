package org.civicpulse.dashboard.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import com.vaadin.flow.i18n.I18NProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The UI's texts in Vietnamese (the default) and English, from {@code i18n/messages_vi.properties} and
 * {@code i18n/messages_en.properties} (UTF-8). Vaadin finds this bean as the application's I18NProvider, so
 * every component's {@code getTranslation(key, args…)} reads here. Arguments replace {@code {0}}, {@code {1}}, …
 * literally (no MessageFormat quoting rules): callers pass values already formatted for the locale
 * ({@link org.civicpulse.dashboard.ui.Formats}). A missing key shows as {@code !key!} and is logged once.
 */
@Component
public class Translations implements I18NProvider {

    public static final Locale VI = Locale.forLanguageTag("vi");
    public static final Locale EN = Locale.ENGLISH;
    public static final List<Locale> LOCALES = List.of(VI, EN);
    /** Cookie that remembers the chosen language across sessions. */
    public static final String COOKIE = "cp-lang";

    private static final Logger log = LoggerFactory.getLogger(Translations.class);
    private static final String BUNDLE = "i18n/messages";

    private final Map<String, Boolean> reported = new ConcurrentHashMap<>();

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    /** The supported locale for a language tag ({@code vi}, {@code en}); Vietnamese for anything else. */
    public static Locale supported(String tag) {
        return tag != null && tag.strip().toLowerCase(Locale.ROOT).startsWith("en") ? EN : VI;
    }

    /** Whether {@code locale} is English (else Vietnamese). */
    public static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale l = english(locale) ? EN : VI;
        String text;
        try {
            text = ResourceBundle.getBundle(BUNDLE, l,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            if (reported.putIfAbsent(l + "|" + key, Boolean.TRUE) == null) {
                log.warn("No {} translation for key {}", l, key);
            }
            return "!" + key + "!";
        }
        if (params != null) {
            for (int i = 0; i < params.length; i++) {
                text = text.replace("{" + i + "}", String.valueOf(params[i]));
            }
        }
        return text;
    }

    /** The text for {@code key} in {@code locale} (static helper for code that has no component). */
    public static String of(Locale locale, String key, Object... params) {
        return INSTANCE.getTranslation(key, locale, params);
    }

    private static final Translations INSTANCE = new Translations();
}

package org.civicpulse.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

/**
 * Password storage: {@code {bcrypt}} (default for new hashes), {@code {pbkdf2}} and {@code {noop}}
 * (plain text, compared in constant time). A configured password without an {@code {id}} prefix is
 * plain text.
 */
public final class Passwords {

    private static final Pattern PREFIX = Pattern.compile("^\\{([a-z0-9]+)}");
    private static final Map<String, PasswordEncoder> ENCODERS = Map.of(
            "bcrypt", new BCryptPasswordEncoder(),
            "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
            "noop", new ConstantTimePlainText());

    private Passwords() {
    }

    /** The delegating encoder that checks every stored form. */
    public static PasswordEncoder encoder() {
        return new DelegatingPasswordEncoder("bcrypt", ENCODERS);
    }

    /** {@code stored} with a known {@code {id}} prefix as it is, else as {@code {noop}<plain text>}. */
    public static String normalise(String stored) {
        Matcher m = PREFIX.matcher(stored);
        if (m.find() && ENCODERS.containsKey(m.group(1))) {
            return stored;
        }
        return "{noop}" + stored;
    }

    /** Plain-text comparison without timing differences between near and far misses. */
    private static final class ConstantTimePlainText implements PasswordEncoder {
        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String stored) {
            if (raw == null || stored == null) {
                return false;
            }
            return MessageDigest.isEqual(raw.toString().getBytes(StandardCharsets.UTF_8),
                    stored.getBytes(StandardCharsets.UTF_8));
        }
    }
}

package org.civicpulse.reporting.kpi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.civicpulse.domain.kpi.KpiRegistry;

/** The shipped registry's JSON text, for tests that load a modified copy. */
final class KpiRegistryFixture {

    private KpiRegistryFixture() {
    }

    static String standardJson() {
        try (InputStream in = KpiRegistry.class.getClassLoader().getResourceAsStream(KpiRegistry.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

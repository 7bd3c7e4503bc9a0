package org.civicpulse.ingestion.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.civicpulse.domain.event.EventType;
import org.civicpulse.ingestion.IngestionProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class SourceTokensTest {

    private static IngestionProperties props(Map<String, String> sources, Path file, Map<String, String> allowed) {
        return new IngestionProperties(sources, file, allowed, "catalog", DataSize.ofMegabytes(10),
                DataSize.ofKilobytes(512), Duration.ofMinutes(5), Duration.ofSeconds(5), 1000);
    }

    @Test
    void tokensFromPropertiesAndFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "\uFEFF# comment\n\nportal = portal-token-0123456789\ncatalog=catalog-token-0123456789\n");
        SourceTokens tokens = new SourceTokens(props(Map.of("sim", "sim-token-0123456789,sim-token-rotated-0123"), file,
                Map.of("portal", "portal.*, service.probe")));
        assertThat(tokens.authenticate("Bearer sim-token-0123456789")).get().extracting(SourceCredential::source).isEqualTo("sim");
        assertThat(tokens.authenticate("bearer sim-token-rotated-0123")).get().extracting(SourceCredential::source).isEqualTo("sim");
        assertThat(tokens.authenticate("Bearer portal-token-0123456789")).get().extracting(SourceCredential::source)
                .isEqualTo("portal");
        assertThat(tokens.authenticate("Bearer sim-token-012345678")).isEmpty();
        assertThat(tokens.authenticate("Basic c2ltOnNpbQ==")).isEmpty();
        assertThat(tokens.authenticate("Bearer ")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();

        TypePolicy portal = tokens.authenticate("Bearer portal-token-0123456789").orElseThrow().policy();
        assertThat(portal.allows(EventType.PORTAL_LOGIN)).isTrue();
        assertThat(portal.allows(EventType.SERVICE_PROBE)).isTrue();
        assertThat(portal.allows(EventType.DOSSIER_RECEIVED)).isFalse();
        TypePolicy catalog = tokens.authenticate("Bearer catalog-token-0123456789").orElseThrow().policy();
        assertThat(catalog.allows(EventType.CATALOG_UNIT)).isTrue();
        assertThat(catalog.allows(EventType.CATALOG_MERGER)).isTrue();
        assertThat(catalog.allows(EventType.DOSSIER_PAID)).isFalse();
        TypePolicy sim = tokens.authenticate("Bearer sim-token-0123456789").orElseThrow().policy();
        assertThat(sim.allows(EventType.DOSSIER_PAID)).isTrue();
        assertThat(sim.allows(EventType.CATALOG_PROCEDURE)).isFalse();
        assertThat(sim.allows(EventType.CATALOG_MERGER)).isFalse();
    }

    @Test
    void onlyTheCatalogSourceEverSendsCatalogEvents() {
        assertThat(TypePolicy.of("sim", "*", "catalog").allows(EventType.CATALOG_UNIT)).isFalse();
        assertThat(TypePolicy.of("sim", "catalog.merger", "catalog").allows(EventType.CATALOG_MERGER)).isFalse();
        assertThat(TypePolicy.of("sim", "catalog.*", "catalog").allowsAny()).isFalse();
        assertThat(TypePolicy.of("sim", "none", "catalog").allowsAny()).isFalse();
        assertThat(TypePolicy.of("catalog", "*", "catalog").allows(EventType.DOSSIER_PAID)).isTrue();
        assertThatThrownBy(() -> TypePolicy.of("sim", "dosier.*", "catalog")).hasMessageContaining("dosier.*");
    }

    @Test
    void badConfigurationFailsAtStart(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> new SourceTokens(props(Map.of("sim", "short"), null, Map.of())))
                .hasMessageContaining("shorter than 16");
        assertThatThrownBy(() -> new SourceTokens(props(Map.of("a", "same-token-0123456789", "b", "same-token-0123456789"),
                null, Map.of()))).hasMessageContaining("twice");
        Path file = dir.resolve("tokens");
        Files.writeString(file, "just-a-token-without-source\n");
        assertThatThrownBy(() -> new SourceTokens(props(Map.of(), file, Map.of()))).hasMessageContaining("line 1");
    }
}

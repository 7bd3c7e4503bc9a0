package org.civicpulse.ingestion.auth;

import java.nio.charset.StandardCharsets;

/** An authenticated caller: the source its token belongs to and what it may send. */
public record SourceCredential(String source, TypePolicy policy, byte[] sourceBytes) {

    public SourceCredential(String source, TypePolicy policy) {
        this(source, policy, source.getBytes(StandardCharsets.UTF_8));
    }
}

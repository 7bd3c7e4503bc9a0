package org.civicpulse.ingestion;

import java.util.Arrays;
import org.civicpulse.ingestion.catalog.CatalogImportMain;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ingestion service: {@code POST /api/v1/events} and the catalogue import, REST → Kafka.
 *
 * <p>{@code java -jar ingestion.jar} starts the service. {@code java -jar ingestion.jar catalog-import
 * <units|procedures|mergers> <file> --url … --token-file …} runs the catalogue import client instead
 * ({@link CatalogImportMain}) without starting Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "catalog-import".equals(args[0])) {
            System.exit(CatalogImportMain.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
            return;
        }
        SpringApplication.run(IngestionApplication.class, args);
    }
}

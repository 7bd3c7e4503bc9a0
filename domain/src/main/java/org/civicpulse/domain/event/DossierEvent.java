package org.civicpulse.domain.event;

/** The {@code dossier.*} events; their aggregate id is the dossier id. */
public sealed interface DossierEvent extends Event
        permits DossierReceived, DossierSupplementRequested, DossierSupplementReceived, DossierPaid,
                DossierCompleted, DossierReturned, DossierRated, DossierWithdrawn {

    String dossierId();

    @Override
    default String aggregateId() {
        return dossierId();
    }
}

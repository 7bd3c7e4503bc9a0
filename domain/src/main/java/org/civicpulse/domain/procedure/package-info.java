/** The administrative-procedure catalogue ({@link org.civicpulse.domain.procedure.ProcedureCatalog}). */
package org.civicpulse.domain.procedure;

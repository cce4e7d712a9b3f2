package db.migration;

import org.i4tracker.storage.H2Schema;

/**
 * On H2: identity caches of {@value H2Schema#IDENTITY_CACHE} and foreign keys that use the table's own index
 * on their columns, for every table of V1–V74 (see {@link H2Schema}). Nothing on PostgreSQL.
 */
public class V75__h2_identity_caches_and_foreign_key_indexes extends H2Schema {
}

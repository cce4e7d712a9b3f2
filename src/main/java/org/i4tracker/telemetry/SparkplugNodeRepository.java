package org.i4tracker.telemetry;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SparkplugNodeRepository extends CrudRepository<SparkplugNode, Long> {
    Optional<SparkplugNode> findByGroupIdAndEdgeNode(String groupId, String edgeNode);
}

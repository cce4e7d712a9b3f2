package org.i4tracker.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A message ingest refused, kept with the reason and the first bytes of its payload. */
@MappedEntity("telemetry_dead_letter")
record DeadLetter(@Id @GeneratedValue @Nullable Long id,
                  Instant receivedAt,
                  String topic,
                  String reason,
                  byte[] payload,
                  int payloadSize,
                  @Nullable Instant replayedAt,
                  int replayCount) {
}

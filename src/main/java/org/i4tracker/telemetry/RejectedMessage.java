package org.i4tracker.telemetry;

/** A message that cannot become a sample; the reason is what the dead letter records. */
final class RejectedMessage extends Exception {

    RejectedMessage(String reason) {
        super(reason, null, false, false);
    }
}

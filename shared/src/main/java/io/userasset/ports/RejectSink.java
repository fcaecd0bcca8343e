package io.userasset.ports;

import java.util.List;

/** Keeps rejected inputs queryable (SPEC §2: rejected, with a machine-readable reason, kept queryable). */
public interface RejectSink {

    /** Stores the batch's rejections durably; throws if they could not be stored, so the inputs are retried. */
    void store(List<RejectedInput> rejected);
}

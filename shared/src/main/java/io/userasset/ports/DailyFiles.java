package io.userasset.ports;

import java.nio.file.Path;
import java.util.List;

/**
 * The daily job's files (S3): segment partials exchanged between workers and reducer, snapshot parts,
 * the day's metrics and models. Keys are deterministic, so a re-run overwrites rather than adds.
 */
public interface DailyFiles {

    void putPartial(String date, String phase, int segment, int segments, byte[] content);

    /** Every partial of a phase, in segment order. */
    List<byte[]> partials(String date, String phase);

    /** Uploads a finished snapshot part (gzip JSON Lines) from a local file. */
    void putSnapshotPart(String date, int segment, int segments, Path gzipJsonLines);

    void putMetrics(String date, byte[] json);

    void putModels(String date, byte[] json);

    /** Removes the day's partials and snapshot parts before a (re-)run, so parts of an earlier fan-out never mix in. */
    void clearDay(String date);
}

package io.des.sink;

import io.des.model.StorageLayout;
import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the files of a completed checkpoint visible under their final names in the {@code
 * _incomplete} partition directory.
 *
 * <p>Uses {@code commitAfterRecovery()}, the idempotent form: the same committable is committed
 * again after a restore from a checkpoint whose commit had already happened, and a file that is
 * already in place counts as committed.
 *
 * <p>A committable can also come back after its partition was published and the {@code
 * _incomplete} directory removed (the commit and the publish happened, then the job failed before
 * the next checkpoint). Then there is nothing left to commit on a store whose recovery needs the
 * pending upload (S3), so a failed commit whose file is already in the published partition counts
 * as done.
 */
final class PartitionFileCommitter implements Committer<PartitionFileCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionFileCommitter.class);

    /** Transient storage errors get a few more attempts before the job fails and restores. */
    static final int MAX_COMMIT_RETRIES = 3;

    private final Path root;
    private final RecoverableWriter fileWriter;

    PartitionFileCommitter(Path root, RecoverableWriter fileWriter) {
        this.root = root;
        this.fileWriter = fileWriter;
    }

    @Override
    public void commit(Collection<CommitRequest<PartitionFileCommittable>> requests) {
        for (CommitRequest<PartitionFileCommittable> request : requests) {
            PartitionFileCommittable committable = request.getCommittable();
            try {
                RecoverableWriter.CommitRecoverable recoverable = fileWriter.getCommitRecoverableSerializer()
                        .deserialize(committable.commitRecoverableVersion, committable.commitRecoverable);
                fileWriter.recoverForCommit(recoverable).commitAfterRecovery();
            } catch (IOException e) {
                if (isPublished(committable)) {
                    LOG.info("{} was committed and published before this restore", committable.path);
                    request.signalAlreadyCommitted();
                } else if (request.getNumberOfRetries() < MAX_COMMIT_RETRIES) {
                    LOG.warn("Commit of {} failed (attempt {}), retrying", committable.path, request.getNumberOfRetries() + 1, e);
                    request.retryLater();
                } else {
                    request.signalFailedWithKnownReason(e);
                }
            }
        }
    }

    private boolean isPublished(PartitionFileCommittable committable) {
        try {
            Path published = new Path(
                    new Path(root, StorageLayout.publishedPartitionPath(
                            committable.tenant, committable.requestDate, committable.erid)),
                    new Path(committable.path).getName());
            return published.getFileSystem().exists(published);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not check whether {} was published", committable.path, e);
            return false;
        }
    }

    @Override
    public void close() {}
}

package io.des.ingest.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;

/**
 * Reads the frames of its assigned partitions on the task thread. Positional reads of a local file
 * return at once, whether or not there is data; when no partition has a new frame the reader
 * reports {@link InputStatus#NOTHING_AVAILABLE} and its availability future is completed by a timer
 * after {@code pollInterval}, so an idle source neither spins nor blocks the task thread.
 *
 * <p>Its checkpointed state is each split with the offset of the next frame to emit, taken between
 * two {@link #pollNext} calls, so a restore resumes with exactly the first frame not yet emitted.
 */
final class BrokerSourceReader implements SourceReader<byte[], BrokerPartitionSplit> {

    /** Frames emitted from one partition before moving on, so that partitions are read fairly. */
    private static final int FRAMES_PER_TURN = 64;

    private final Path brokerDir;
    private final Duration pollInterval;
    private final List<PartitionCursor> cursors = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private CompletableFuture<Void> availability = CompletableFuture.completedFuture(null);
    private int turn;
    private boolean noMoreSplits;

    BrokerSourceReader(Path brokerDir, Duration pollInterval) {
        this.brokerDir = brokerDir;
        this.pollInterval = pollInterval;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "broker-source-poll-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<byte[]> output) throws IOException {
        removeFinishedCursors();
        for (int visited = 0; visited < cursors.size(); visited++) {
            turn = (turn + 1) % cursors.size();
            PartitionCursor cursor = cursors.get(turn);
            int emitted = 0;
            byte[] payload;
            while (emitted < FRAMES_PER_TURN && (payload = cursor.next()) != null) {
                output.collect(payload);
                emitted++;
            }
            if (emitted > 0) {
                return InputStatus.MORE_AVAILABLE;
            }
        }
        if (cursors.isEmpty() && noMoreSplits) {
            return InputStatus.END_OF_INPUT;
        }
        CompletableFuture<Void> wakeUp = new CompletableFuture<>();
        availability = wakeUp;
        timer.schedule(() -> wakeUp.complete(null), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return InputStatus.NOTHING_AVAILABLE;
    }

    private void removeFinishedCursors() throws IOException {
        for (Iterator<PartitionCursor> it = cursors.iterator(); it.hasNext(); ) {
            PartitionCursor cursor = it.next();
            if (cursor.isFinished()) {
                cursor.close();
                it.remove();
            }
        }
    }

    @Override
    public List<BrokerPartitionSplit> snapshotState(long checkpointId) {
        List<BrokerPartitionSplit> state = new ArrayList<>(cursors.size());
        for (PartitionCursor cursor : cursors) {
            state.add(cursor.currentSplit());
        }
        return state;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return availability;
    }

    @Override
    public void addSplits(List<BrokerPartitionSplit> splits) {
        for (BrokerPartitionSplit split : splits) {
            cursors.add(new PartitionCursor(EmbeddedBroker.partitionFile(brokerDir, split.partition()), split));
        }
        availability.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        availability.complete(null);
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        for (PartitionCursor cursor : cursors) {
            cursor.close();
        }
    }

    /** Read position in one partition file; the file is opened once it exists. */
    private static final class PartitionCursor {
        private final Path file;
        private final BrokerPartitionSplit split;
        private FileChannel channel;
        private FrameReader reader;

        PartitionCursor(Path file, BrokerPartitionSplit split) {
            this.file = file;
            this.split = split;
        }

        byte[] next() throws IOException {
            if (isFinished() || !ensureOpen()) {
                return null;
            }
            return reader.next();
        }

        boolean isFinished() {
            return split.isBounded() && position() >= split.endOffset();
        }

        BrokerPartitionSplit currentSplit() {
            return split.withOffset(position());
        }

        private long position() {
            return reader == null ? split.offset() : reader.position();
        }

        private boolean ensureOpen() throws IOException {
            if (channel == null) {
                try {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    return false;
                }
                reader = new FrameReader(channel, split.offset());
            }
            return true;
        }

        void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}

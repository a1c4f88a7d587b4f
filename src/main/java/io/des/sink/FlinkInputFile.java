package io.des.sink;

import java.io.IOException;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input file read through Flink's file system, so that the publisher reads on every file
 * system the sink writes to: local disk, and S3 through the {@code flink-s3-fs-hadoop} plugin, whose
 * Hadoop classes live in the plugin's own class loader and are not reachable through Hadoop's {@code
 * FileSystem} from the job's code.
 */
final class FlinkInputFile implements InputFile {

    private final FileSystem fs;
    private final Path path;
    private final long length;

    private FlinkInputFile(FileSystem fs, Path path, long length) {
        this.fs = fs;
        this.path = path;
        this.length = length;
    }

    /** @throws java.io.FileNotFoundException if there is no such file */
    static FlinkInputFile of(FileSystem fs, Path path) throws IOException {
        return new FlinkInputFile(fs, path, fs.getFileStatus(path).getLen());
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FSDataInputStream in = fs.open(path);
        return new DelegatingSeekableInputStream(in) {
            @Override
            public long getPos() throws IOException {
                return in.getPos();
            }

            @Override
            public void seek(long newPos) throws IOException {
                in.seek(newPos);
            }
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

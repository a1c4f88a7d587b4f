package io.des.sink;

import java.util.Objects;

/** A committed Parquet file of a partition: its name inside the partition directory and its rows. */
public class CommittedFile {

    /** File name only (no directory), e.g. {@code part-<writer id>-<subtask>-<sequence>.parquet}. */
    public String fileName;

    public long rows;

    public CommittedFile() {}

    public CommittedFile(String fileName, long rows) {
        this.fileName = fileName;
        this.rows = rows;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CommittedFile)) {
            return false;
        }
        CommittedFile that = (CommittedFile) o;
        return rows == that.rows && Objects.equals(fileName, that.fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, rows);
    }

    @Override
    public String toString() {
        return fileName + "(" + rows + " rows)";
    }
}

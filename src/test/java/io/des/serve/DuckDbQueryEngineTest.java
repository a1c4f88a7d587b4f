package io.des.serve;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The query engine contract on DuckDB over local files (local mode on disk). */
class DuckDbQueryEngineTest {

    @Nested
    class Contract extends QueryEngineContractTest {
        @Override
        QueryEngine open(Path root) {
            return new DuckDbQueryEngine(root);
        }
    }
}

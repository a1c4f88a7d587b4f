package io.des.pipeline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples users copy load as they are, and relative file paths are the pipeline file's. */
class PipelineSamplesTest {

    private static final Path SAMPLES = Path.of(System.getProperty("des.project.dir", "."), "samples", "pipelines");

    @Test
    void theSamplesAreValid() throws Exception {
        PipelineFileParser parser = new PipelineFileParser(Map.of("ENV_PASSWORD", "r", "ENV_OUT_PASSWORD", "w")::get);

        PipelineFile csv = parser.read(SAMPLES.resolve("csv_to_parquet.yaml"));
        assertEquals(SAMPLES.toAbsolutePath().normalize().resolve("contacts.csv").toString(), csv.source().endpoint().path());
        assertEquals(SAMPLES.toAbsolutePath().normalize().resolve("out/enriched_contacts").toString(), csv.destination().endpoint().path());

        PipelineFile mariadb = parser.read(SAMPLES.resolve("mariadb_to_mariadb.yaml"));
        assertEquals(LoadMode.INCREMENTAL, mariadb.load().mode());
        assertEquals("0 6 * * *", mariadb.schedule().toString());
    }
}

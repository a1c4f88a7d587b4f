package io.des.cli;

import io.des.client.DesClient;
import io.des.client.SubmitOptions;
import io.des.client.SubmitResult;
import io.des.model.Erids;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code des submit FILE --fields …}: every contact of a CSV or JSON Lines file as one ERID. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submits every contact of FILE as one enrichment request and prints its ERID.",
                "FILE is CSV with a header row of contact keys (first_name, \"Last Name\", company_name, …; normalised as"
                        + " the API does) or JSON Lines (.jsonl: one object per line). The whole file is checked before"
                        + " anything is sent."})
final class SubmitCommand implements Callable<Integer> {

    @ParentCommand
    DesCommand des;

    @Parameters(index = "0", paramLabel = "FILE", description = "contacts: .csv or .jsonl")
    Path file;

    @Option(names = "--fields", required = true, split = ",", paramLabel = "FIELD",
            description = "fields to enrich, e.g. professional_email,phone_number")
    List<String> fields;

    @Option(names = "--erid", paramLabel = "UUID", description = "the ERID to submit under (default: a new random UUID)")
    String erid;

    @Option(names = "--chunk", defaultValue = "1000", paramLabel = "N",
            description = "contacts per POST, at most 10000 (default: ${DEFAULT-VALUE})")
    int chunk;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "POSTs in flight (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--callback-url", paramLabel = "URL", description = "where DES POSTs the completion webhook")
    String callbackUrl;

    @Option(names = "--wait", description = "then wait until the ERID completes (exit codes as des wait)")
    boolean waitForIt;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "with --wait: how long at most, e.g. 30m")
    Duration timeout;

    @Override
    public Integer call() {
        String id = erid != null ? Erids.canonical(erid) : UUID.randomUUID().toString();
        if (!Erids.isValid(id)) {
            throw new IllegalArgumentException("--erid must be a UUID such as 3c3f4b80-f728-4d7c-8567-1bc01df5f0a1, not '" + erid + "'");
        }
        ContactFile contacts = ContactFile.of(file);
        long total = contacts.count();
        SubmitOptions options = SubmitOptions.defaults().withChunkSize(chunk).withConcurrency(concurrency)
                .withCallbackUrl(callbackUrl);
        DesClient client = des.client();
        des.out().println(id);
        SubmitResult result;
        try (ContactFile.Contacts reader = contacts.open(); Progress sent = des.progress("sent", "records", total)) {
            result = client.submit(id, total, reader, fields, options.withOnAccepted(sent::update));
        }
        des.err().println("submitted " + result.numberOfRecords() + " records in " + result.chunks()
                + (result.chunks() == 1 ? " request" : " requests") + " as "
                + result.erid());
        return waitForIt ? Waiting.until(des, client, result.erid(), timeout) : ExitCode.OK;
    }
}

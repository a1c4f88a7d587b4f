package io.des.enrich;

import io.des.model.ContactRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** An in-memory provider for unit tests: answers at once with what its script returns for the fields asked. */
final class ScriptedProvider implements Provider {

    private final String name;
    private final Function<List<String>, LookupResult> script;

    ScriptedProvider(String name, Function<List<String>, LookupResult> script) {
        this.name = name;
        this.script = script;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
        return CompletableFuture.completedFuture(script.apply(List.copyOf(fields)));
    }

    @Override
    public void close() { }
}

package io.des.registry;

import java.nio.file.Path;

/**
 * The child process of {@link SqliteEridRegistryKillIT}: registers ERIDs one after another and
 * prints {@code acked <n>} after each write returns, until it is killed.
 */
public final class SqliteRegistryWriter {

    private SqliteRegistryWriter() {}

    public static void main(String[] args) {
        EridRegistry registry = new SqliteEridRegistry(Path.of(args[0]));
        for (int n = 1; ; n++) {
            registry.register(RegistryContract.contract(RegistryContract.ACME, RegistryContract.erid(n), n, RegistryContract.T0));
            registry.recordCommitted(RegistryContract.ACME, RegistryContract.erid(n), n);
            System.out.println("acked " + n);
            System.out.flush();
        }
    }
}

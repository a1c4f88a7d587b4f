package io.des.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/** What the emulators the tests start (kinesis-local, dynalite) share: a free port each, and a clean stop. */
final class EmulatorProcesses {

    private EmulatorProcesses() {}

    /** A port free now; each emulator gets its own, since a second instance on a taken port dies quietly. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM, so the emulator can flush what it stores; SIGKILL if it has not ended within 10 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

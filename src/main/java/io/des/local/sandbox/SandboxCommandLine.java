package io.des.local.sandbox;

import java.net.InetSocketAddress;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone sandbox's command line (see {@link SandboxProviderServer#main}):
 *
 * <pre>java -cp des.jar io.des.local.sandbox.SandboxProviderServer [--host 127.0.0.1] [--port 8089]
 *     [--latency-ms 0] [--not-found-rate 0] [--error-rate 0] [--seed 42] [--latency-jitter-ms 0]
 *     [--timeout-rate 0] [--hang-ms 60000] [--throttle-every 0 --throttle-burst 0]
 *     [--retry-after-seconds 1] [--rate-limit-rps 0]</pre>
 *
 * <p>Listens on the loopback interface unless {@code --host} says otherwise, since the sandbox has
 * no authentication.
 */
final class SandboxCommandLine {

    /** Default port of the standalone server. */
    public static final int DEFAULT_PORT = 8089;

    private SandboxCommandLine() {}

    /** Starts the server and blocks until the JVM is asked to stop. */
    static void run(String[] args) throws InterruptedException {
        Properties options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: SandboxProviderServer [--host H] [--port P] [--latency-ms MS] [--not-found-rate R]"
                    + " [--error-rate R] [--seed S] [--latency-jitter-ms MS] [--timeout-rate R] [--hang-ms MS]"
                    + " [--throttle-every N --throttle-burst M] [--retry-after-seconds S] [--rate-limit-rps R]");
            System.exit(2);
            return;
        }
        // host and port are the server's; the rest say how it behaves.
        String host = (String) options.remove("host");
        String port = (String) options.remove("port");
        SandboxBehaviour behaviour = SandboxBehaviour.fromProperties(options);
        SandboxProviderServer server = SandboxProviderServer.start(new InetSocketAddress(host == null ? "127.0.0.1" : host,
                port == null ? DEFAULT_PORT : Integer.parseInt(port)), behaviour);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Sandbox provider listening on " + server.endpoint() + " with " + behaviour);
        stopped.await();
    }

    /** Turns {@code --key value} pairs into properties keyed without the dashes. */
    static Properties parse(String[] args) {
        Properties options = new Properties();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected '--option value', got '" + args[i] + "'");
            }
            options.setProperty(args[i].substring(2), args[i + 1]);
        }
        String port = options.getProperty("port");
        if (port != null && !(port.matches("\\d{1,5}") && Integer.parseInt(port) <= 65_535)) {
            throw new IllegalArgumentException("--port must be a number between 0 and 65535, was " + port);
        }
        return options;
    }
}

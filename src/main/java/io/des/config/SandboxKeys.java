package io.des.config;

import java.util.List;

/**
 * How a sandbox provider behaves (local mode, tests, benchmarks): in a providers file as
 * {@code provider.<p>.sandbox.<key>} of a provider whose endpoint is {@code sandbox}, and as the
 * standalone sandbox server's {@code --<key>} flags.
 */
public final class SandboxKeys {

    private SandboxKeys() {}

    public static final Setting<Long> LATENCY_MS = Setting.key("latency-ms").wholeNumber().defaultValue(0L)
            .atLeast(0L).unit("ms").description("answer after latency-ms plus uniform(0, latency-jitter-ms)");
    public static final Setting<Long> LATENCY_JITTER_MS = Setting.key("latency-jitter-ms").wholeNumber()
            .defaultValue(0L).atLeast(0L).unit("ms").description("upper bound of the random extra latency");
    public static final Setting<Double> NOT_FOUND_RATE = Setting.key("not-found-rate").decimal().defaultValue(0.0)
            .between(0.0, 1.0).description("share of contacts it does not know (decided per contact, stable)");
    public static final Setting<Double> ERROR_RATE = Setting.key("error-rate").decimal().defaultValue(0.0)
            .between(0.0, 1.0).description("share of requests answered 503");
    public static final Setting<Double> TIMEOUT_RATE = Setting.key("timeout-rate").decimal().defaultValue(0.0)
            .between(0.0, 1.0).description("share of requests left unanswered for hang-ms");
    public static final Setting<Long> HANG_MS = Setting.key("hang-ms").wholeNumber().defaultValue(60_000L)
            .atLeast(0L).unit("ms").description("how long an unanswered request is held");
    public static final Setting<Long> THROTTLE_EVERY = Setting.key("throttle-every").wholeNumber().defaultValue(0L)
            .atLeast(0L).unit("requests").description("with throttle-burst: the first burst of every this many requests"
                    + " get 429 with Retry-After");
    public static final Setting<Long> THROTTLE_BURST = Setting.key("throttle-burst").wholeNumber().defaultValue(0L)
            .atLeast(0L).unit("requests").description("requests answered 429 at the start of every throttle-every; at"
                    + " most throttle-every");
    public static final Setting<Long> RETRY_AFTER_SECONDS = Setting.key("retry-after-seconds").wholeNumber()
            .defaultValue(1L).atLeast(0L).unit("s").description("the Retry-After of a 429");
    public static final Setting<Double> RATE_LIMIT_RPS = Setting.key("rate-limit-rps").decimal()
            .defaultText("no limit").atLeast(0.0).unit("requests/s")
            .description("requests per second it accepts (a burst of one second's worth); more get 429 and are counted");
    public static final Setting<Long> SEED = Setting.key("seed").wholeNumber().defaultValue(42L)
            .description("seed of the random draws");

    public static final SettingGroup SANDBOX = new SettingGroup("provider.<p>.sandbox", SettingGroup.Kind.PROPERTY_GROUP,
            "A sandbox provider's behaviour: in a providers file of local mode, for a provider whose endpoint is"
                    + " sandbox; also the standalone sandbox server's flags (--latency-ms …).",
            List.of(LATENCY_MS, LATENCY_JITTER_MS, NOT_FOUND_RATE, ERROR_RATE, TIMEOUT_RATE, HANG_MS, THROTTLE_EVERY,
                    THROTTLE_BURST, RETRY_AFTER_SECONDS, RATE_LIMIT_RPS, SEED),
            List.of());
}

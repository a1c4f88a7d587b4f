package io.des.ingest;

import java.util.Optional;

/** Whether a {@code callback_url} may receive webhooks; implemented by the webhook URL policy. */
@FunctionalInterface
public interface CallbackUrlCheck {

    /** Why {@code url} is refused, in words for the client, or empty when it is accepted. */
    Optional<String> refusal(String url);
}

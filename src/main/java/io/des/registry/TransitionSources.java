package io.des.registry;

import java.util.Arrays;
import java.util.List;

/**
 * The states a conditional write may move from, derived from the state machines' own {@code
 * canMoveTo}, so the stores' conditions ({@code WHERE lifecycle IN (…)}, {@code #state IN (…)})
 * can never disagree with the transitions declared in one place.
 */
final class TransitionSources {

    private TransitionSources() {}

    static List<EridLifecycle> into(EridLifecycle target) {
        return nonEmpty(Arrays.stream(EridLifecycle.values()).filter(from -> from.canMoveTo(target)).toList(), target);
    }

    static List<DeliveryState> into(DeliveryState target) {
        return nonEmpty(Arrays.stream(DeliveryState.values()).filter(from -> from.canMoveTo(target)).toList(), target);
    }

    private static <E> List<E> nonEmpty(List<E> sources, Object target) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no state may move to " + target);
        }
        return sources;
    }
}

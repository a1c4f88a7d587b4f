package io.des.ingest.broker;

import java.util.List;

/**
 * Checkpointed state of the {@link BrokerSource}'s enumerator: the splits not assigned to any
 * reader. Assigned splits are checkpointed by their readers, with their offsets.
 */
public record BrokerEnumeratorState(List<BrokerPartitionSplit> unassignedSplits) {

    public BrokerEnumeratorState {
        unassignedSplits = List.copyOf(unassignedSplits);
    }
}

package io.des.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;

/** IAM statements as this stack writes them: Allow, named actions, named resources. */
final class Statements {

    private Statements() {}

    static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    static PolicyStatement allow(List<String> actions, List<String> resources, Map<String, Object> conditions) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources)
                .conditions(conditions).build();
    }
}

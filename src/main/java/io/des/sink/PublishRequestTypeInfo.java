package io.des.sink;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Declares the element types of {@link PublishRequest#files} and {@link PublishRequest#fieldCounts},
 * which reflection cannot see: without it they would go to Kryo, and requests are kept in the
 * async operator's checkpointed state.
 */
public class PublishRequestTypeInfo extends TypeInfoFactory<PublishRequest> {

    public static final TypeInformation<PublishRequest> TYPE =
            Types.POJO(
                    PublishRequest.class,
                    Map.of(
                            "tenant", Types.STRING,
                            "erid", Types.STRING,
                            "requestDate", Types.STRING,
                            "numberOfRecords", Types.LONG,
                            "files", Types.LIST(Types.POJO(CommittedFile.class)),
                            "fieldCounts", Types.MAP(Types.STRING, FieldTally.TYPE)));

    @Override
    public TypeInformation<PublishRequest> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE;
    }
}

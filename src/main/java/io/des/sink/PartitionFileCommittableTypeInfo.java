package io.des.sink;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Declares the value type of {@link PartitionFileCommittable#fieldCounts}, which reflection cannot
 * see: without it the map would go to Kryo between the post-commit operators.
 */
public class PartitionFileCommittableTypeInfo extends TypeInfoFactory<PartitionFileCommittable> {

    public static final TypeInformation<PartitionFileCommittable> TYPE =
            Types.POJO(
                    PartitionFileCommittable.class,
                    Map.of(
                            "tenant", Types.STRING,
                            "requestDate", Types.STRING,
                            "erid", Types.STRING,
                            "numberOfRecords", Types.LONG,
                            "rowCount", Types.LONG,
                            "fieldCounts", Types.MAP(Types.STRING, FieldTally.TYPE),
                            "path", Types.STRING,
                            "commitRecoverableVersion", Types.INT,
                            "commitRecoverable", Types.PRIMITIVE_ARRAY(Types.BYTE)));

    @Override
    public TypeInformation<PartitionFileCommittable> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE;
    }
}

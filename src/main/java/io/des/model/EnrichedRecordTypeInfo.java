package io.des.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** Declares {@link EnrichedRecord}'s field types so Flink never falls back to Kryo. */
public class EnrichedRecordTypeInfo extends TypeInfoFactory<EnrichedRecord> {

    public static final TypeInformation<EnrichedRecord> TYPE =
            Types.POJO(
                    EnrichedRecord.class,
                    Map.of(
                            "record", ContactRecordTypeInfo.TYPE,
                            "values", Types.MAP(Types.STRING, Types.STRING),
                            "sources", Types.MAP(Types.STRING, Types.STRING),
                            "fieldStatus", Types.MAP(Types.STRING, Types.STRING),
                            "status", Types.STRING,
                            "reason", Types.STRING,
                            "enrichedAtMillis", Types.LONG));

    @Override
    public TypeInformation<EnrichedRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE;
    }
}

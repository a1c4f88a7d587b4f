package io.des.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Declares {@link EnrichedRecord}'s field types so Flink never falls back to Kryo. A POJO, so that
 * fields can be added (as {@code confidence}, {@code verification} and {@code providersAsked} were):
 * it travels between operators and is kept in no state, and a POJO serializer restores older
 * snapshots of it all the same.
 */
public class EnrichedRecordTypeInfo extends TypeInfoFactory<EnrichedRecord> {

    public static final TypeInformation<EnrichedRecord> TYPE =
            Types.POJO(
                    EnrichedRecord.class,
                    Map.of(
                            "record", ContactRecordTypeInfo.TYPE,
                            "values", Types.MAP(Types.STRING, Types.STRING),
                            "sources", Types.MAP(Types.STRING, Types.STRING),
                            "confidence", Types.MAP(Types.STRING, Types.DOUBLE),
                            "verification", Types.MAP(Types.STRING, Types.STRING),
                            "providersAsked", Types.MAP(Types.STRING, Types.LIST(Types.STRING)),
                            "fieldStatus", Types.MAP(Types.STRING, Types.STRING),
                            "status", Types.STRING,
                            "reason", Types.STRING,
                            "enrichedAtMillis", Types.LONG));

    @Override
    public TypeInformation<EnrichedRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE;
    }
}

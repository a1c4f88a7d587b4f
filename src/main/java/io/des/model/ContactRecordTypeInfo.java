package io.des.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** Declares {@link ContactRecord}'s collection element types so Flink never falls back to Kryo. */
public class ContactRecordTypeInfo extends TypeInfoFactory<ContactRecord> {

    public static final TypeInformation<ContactRecord> TYPE =
            Types.POJO(
                    ContactRecord.class,
                    Map.of(
                            "tenant", Types.STRING,
                            "erid", Types.STRING,
                            "recordIndex", Types.LONG,
                            "requestDate", Types.STRING,
                            "numberOfRecords", Types.LONG,
                            "fieldsToEnrich", Types.LIST(Types.STRING),
                            "contact", Types.MAP(Types.STRING, Types.STRING),
                            "enrichmentWeight", Types.INT));

    @Override
    public TypeInformation<ContactRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE;
    }
}

package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** Types kept in state or sent between operators are Flink POJOs, so savepoints can evolve them. */
class SinkTypesTest {

    @Test
    void stateAndStreamTypesAreFlinkPojos() {
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(PartitionProgress.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(PartitionFileCommittable.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(PublishedPartition.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(CommittedFile.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(FieldTally.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(CommittedProgress.class));
    }

    @Test
    void fieldTalliesAreDeclaredWhereverTheyTravel() {
        assertFieldCountsArePojoMap(TypeInformation.of(PartitionFileCommittable.class));
        assertFieldCountsArePojoMap(TypeInformation.of(PublishRequest.class));
    }

    private static void assertFieldCountsArePojoMap(TypeInformation<?> type) {
        PojoTypeInfo<?> pojo = assertInstanceOf(PojoTypeInfo.class, type);
        MapTypeInfo<?, ?> counts = assertInstanceOf(MapTypeInfo.class, pojo.getTypeAt(pojo.getFieldIndex("fieldCounts")));
        assertInstanceOf(PojoTypeInfo.class, counts.getValueTypeInfo());
    }

    @Test
    void publishRequestDeclaresItsFileListType() {
        TypeInformation<PublishRequest> type = TypeInformation.of(PublishRequest.class);
        assertInstanceOf(PojoTypeInfo.class, type);
        PojoTypeInfo<PublishRequest> pojo = (PojoTypeInfo<PublishRequest>) type;
        TypeInformation<?> files = pojo.getTypeAt(pojo.getFieldIndex("files"));
        assertInstanceOf(ListTypeInfo.class, files);
        assertInstanceOf(PojoTypeInfo.class, ((ListTypeInfo<?>) files).getElementTypeInfo());
    }
}

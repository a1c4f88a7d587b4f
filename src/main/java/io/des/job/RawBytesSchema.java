package io.des.job;

import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;

/** Hands Kinesis payloads on untouched: decoding is the validator's job, so failures become dead letters. */
public class RawBytesSchema extends AbstractDeserializationSchema<byte[]> {
    @Override
    public byte[] deserialize(byte[] message) {
        return message;
    }
}

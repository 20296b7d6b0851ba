package org.t37gw.fmsp.t38;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes IFP packets (T.38 clause 6) in ASN.1 PER, aligned variant, as T.38 requires.
 *
 * <p>The bit layout that results, for reference (MSB first):
 * <pre>
 * IFPPacket      := data-field-present(1) type-of-msg [data-field]
 * Type-of-msg    := choice(1: 0 t30-indicator, 1 data) ext(1) root-index(4)       -- root values
 *                 | choice(1) ext(1)=1 small(1)=0 ext-index(6)                    -- extension additions
 * Data-Field     := align count(length determinant) element*
 * element (v1+)  := field-data-present(1) ext(1) type(3) [align len-1(16) octets]
 * element (v0)   := field-data-present(1)        type(3) [align len-1(16) octets]
 * </pre>
 * so an indicator is one octet, a root data type with one field {@code 0b1_1_0_tttt_0, count, 0b1_0_fff_000,
 * len-1 (2 octets), data}, and fields without data pack into the bits after the previous one. The packet is padded
 * with zero bits to whole octets.
 *
 * <p>Thread-safe and stateless apart from its version and limits.
 */
public final class IfpCodec {

    /** Highest enumeration code the decoder accepts for any open enum; bounds garbage, not real values. */
    static final int MAX_ENUM_CODE = 1023;

    private final T38Version version;
    private final IfpLimits limits;

    public IfpCodec(T38Version version, IfpLimits limits) {
        this.version = version;
        this.limits = limits;
    }

    public IfpCodec(T38Version version) {
        this(version, IfpLimits.DEFAULT);
    }

    public T38Version version() {
        return version;
    }

    public IfpLimits limits() {
        return limits;
    }

    /**
     * The PER encoding of {@code packet}.
     *
     * @throws IllegalArgumentException if the packet cannot be expressed in this version (an extension field type in
     *                                  version 0) or exceeds the limits
     */
    public byte[] encode(IfpPacket packet) {
        PerWriter w = new PerWriter(16);
        if (packet instanceof IfpPacket.Indicator ind) {
            w.writeBit(false); // no data-field
            w.writeBit(false); // t30-indicator
            w.writeExtensibleEnum(ind.indicator().code(), T30Indicator.ROOT_COUNT, 4);
        } else {
            IfpPacket.Data data = (IfpPacket.Data) packet;
            List<DataField> fields = data.fields();
            if (fields.size() > limits.maxFields()) {
                throw new IllegalArgumentException(fields.size() + " fields exceed the limit " + limits.maxFields());
            }
            w.writeBit(!fields.isEmpty());
            w.writeBit(true); // data
            w.writeExtensibleEnum(data.dataType().code(), DataType.ROOT_COUNT, 4);
            if (!fields.isEmpty()) {
                w.writeLengthDeterminant(fields.size());
                for (DataField f : fields) {
                    writeField(w, f);
                }
            }
        }
        byte[] out = w.toByteArray();
        if (out.length > limits.maxPacketLength()) {
            throw new IllegalArgumentException("IFP of " + out.length + " octets exceeds " + limits.maxPacketLength());
        }
        return out;
    }

    private void writeField(PerWriter w, DataField f) {
        if (f.length() > limits.maxFieldLength()) {
            throw new IllegalArgumentException("field-data of " + f.length() + " octets exceeds " + limits.maxFieldLength());
        }
        w.writeBit(f.hasData());
        int code = f.type().code();
        if (version.fieldTypeExtensible()) {
            w.writeExtensibleEnum(code, FieldType.ROOT_COUNT, 3);
        } else {
            if (code >= FieldType.ROOT_COUNT) {
                throw new IllegalArgumentException("field type " + f.type() + " cannot be sent in T.38 version 0");
            }
            w.writeBits(code, 3);
        }
        if (f.hasData()) {
            // OCTET STRING (SIZE (1..65535)): length as a 16-bit constrained whole number, then the octets
            w.align();
            w.writeOctet((f.length() - 1) >> 8);
            w.writeOctet((f.length() - 1) & 0xFF);
            w.writeOctets(f.data(), 0, f.length());
        }
    }

    /** Decodes a whole IFP packet: every octet of the range must belong to it. */
    public DecodeResult<IfpPacket> decode(byte[] buf, int offset, int length) {
        DecodeResult<IfpPacket> r = decodePrefix(buf, offset, length);
        if (r instanceof DecodeResult.Ok<IfpPacket> ok && ok.length() != length) {
            return new DecodeResult.Malformed<>((length - ok.length()) + " octets after the end of the IFP packet",
                    ok.length());
        }
        return r;
    }

    public DecodeResult<IfpPacket> decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes the IFP packet at the start of the range and reports how many octets it used; trailing octets are left
     * alone (PER makes an IFP packet self-delimiting, which parity-FEC recovery relies on to drop XOR padding).
     */
    public DecodeResult<IfpPacket> decodePrefix(byte[] buf, int offset, int length) {
        if (length == 0) {
            return new DecodeResult.Malformed<>("empty IFP packet", 0);
        }
        if (length > limits.maxPacketLength()) {
            return new DecodeResult.Malformed<>("IFP packet of " + length + " octets exceeds the limit "
                    + limits.maxPacketLength(), 0);
        }
        PerReader r = new PerReader(buf, offset, length);
        try {
            boolean dataFieldPresent = r.readBit();
            boolean isData = r.readBit();
            IfpPacket packet;
            if (!isData) {
                int code = r.readExtensibleEnum(T30Indicator.ROOT_COUNT, 4, MAX_ENUM_CODE);
                if (dataFieldPresent) {
                    return new DecodeResult.Malformed<>("t30-indicator " + T30Indicator.of(code)
                            + " with a data-field", r.octetOffset());
                }
                packet = new IfpPacket.Indicator(T30Indicator.of(code));
            } else {
                DataType type = DataType.of(r.readExtensibleEnum(DataType.ROOT_COUNT, 4, MAX_ENUM_CODE));
                List<DataField> fields = List.of();
                if (dataFieldPresent) {
                    int count = r.readLengthDeterminant();
                    if (count == 0) {
                        return new DecodeResult.Malformed<>("data-field with no elements", r.octetOffset());
                    }
                    if (count > limits.maxFields()) {
                        return new DecodeResult.Malformed<>(count + " fields exceed the limit " + limits.maxFields(),
                                r.octetOffset());
                    }
                    fields = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        fields.add(readField(r));
                    }
                }
                packet = new IfpPacket.Data(type, fields);
            }
            return new DecodeResult.Ok<>(packet, r.consumed());
        } catch (PerReader.PerException e) {
            return new DecodeResult.Malformed<>(e.getMessage(), e.offset);
        }
    }

    /**
     * Length in octets of the IFP packet at the start of {@code buf}, or -1 if it does not start with a valid one.
     */
    public int measure(byte[] buf) {
        return decodePrefix(buf, 0, buf.length) instanceof DecodeResult.Ok<IfpPacket> ok ? ok.length() : -1;
    }

    private DataField readField(PerReader r) {
        boolean hasData = r.readBit();
        int code = version.fieldTypeExtensible()
                ? r.readExtensibleEnum(FieldType.ROOT_COUNT, 3, MAX_ENUM_CODE)
                : r.readBits(3);
        if (!hasData) {
            return new DataField(FieldType.of(code));
        }
        int len = ((r.readOctet() << 8) | r.readOctet()) + 1;
        if (len > limits.maxFieldLength()) {
            throw new PerReader.PerException("field-data of " + len + " octets exceeds the limit "
                    + limits.maxFieldLength(), r.octetOffset() - 2);
        }
        return new DataField(FieldType.of(code), r.readOctets(len));
    }
}

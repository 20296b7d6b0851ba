package org.t37gw.fmsp.t38;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One element of an IFP packet's {@code Data-Field}: a field type and its optional {@code field-data}
 * ({@code OCTET STRING (SIZE (1..65535))}). An empty array stands for absent field-data, as in a bare
 * {@code hdlc-fcs-OK}; the array is copied in and out, so a field is immutable.
 */
public record DataField(FieldType type, byte[] data) {

    /** Largest field-data the ASN.1 allows. */
    public static final int MAX_DATA_LENGTH = 65535;

    public DataField {
        if (type == null) {
            throw new IllegalArgumentException("field type is null");
        }
        data = data == null ? new byte[0] : data.clone();
        if (data.length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("field-data of " + data.length + " octets exceeds " + MAX_DATA_LENGTH);
        }
    }

    /** A field without field-data. */
    public DataField(FieldType type) {
        this(type, new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    public boolean hasData() {
        return data.length > 0;
    }

    /** Reads one octet of the field-data without copying. */
    public int octet(int index) {
        return data[index] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataField f && f.type.equals(type) && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length == 0) {
            return type.name();
        }
        String hex = HexFormat.of().formatHex(data, 0, Math.min(data.length, 16));
        return type.name() + "[" + data.length + "]" + hex + (data.length > 16 ? "..." : "");
    }
}

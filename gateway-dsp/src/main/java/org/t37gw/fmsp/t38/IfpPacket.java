package org.t37gw.fmsp.t38;

import java.util.List;

/**
 * An Internet Facsimile Protocol packet (T.38 clause 6, ASN.1 {@code IFPPacket}): either a T.30 indicator or
 * demodulated data of one modulation in one or more fields. {@link IfpCodec} maps it to and from its PER form.
 */
public sealed interface IfpPacket {

    /** {@code type-of-msg = t30-indicator}; indicators carry no data-field. */
    record Indicator(T30Indicator indicator) implements IfpPacket {
        public Indicator {
            if (indicator == null) {
                throw new IllegalArgumentException("indicator is null");
            }
        }

        @Override
        public String toString() {
            return "IFP[" + indicator.name() + "]";
        }
    }

    /**
     * {@code type-of-msg = data} with its {@code data-field}; an empty field list encodes as an absent data-field.
     */
    record Data(DataType dataType, List<DataField> fields) implements IfpPacket {
        public Data {
            if (dataType == null) {
                throw new IllegalArgumentException("data type is null");
            }
            fields = List.copyOf(fields);
        }

        public Data(DataType dataType, DataField... fields) {
            this(dataType, List.of(fields));
        }

        @Override
        public String toString() {
            return "IFP[" + dataType.name() + " " + fields + "]";
        }
    }

    static IfpPacket indicator(T30Indicator indicator) {
        return new Indicator(indicator);
    }

    static IfpPacket data(DataType dataType, DataField... fields) {
        return new Data(dataType, List.of(fields));
    }
}

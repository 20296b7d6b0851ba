package org.t37gw.dmsp.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentTypeTest {

    private static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    private static byte[] s(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void magicNumbers() {
        assertEquals(DocumentType.TIFF, DocumentType.sniff(b('I', 'I', 42, 0, 8, 0, 0, 0)));
        assertEquals(DocumentType.TIFF, DocumentType.sniff(b('M', 'M', 0, 42, 0, 0, 0, 8)));
        assertNull(DocumentType.sniff(b('I', 'I', 43, 0, 8, 0, 0, 0)), "BigTIFF is not ours");
        assertEquals(DocumentType.PDF, DocumentType.sniff(s("%PDF-1.7\n")));
        assertEquals(DocumentType.PNG, DocumentType.sniff(b(0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0)));
        assertNull(DocumentType.sniff(b(0x89, 'P', 'N', 'G', 13, 10, 26)), "cut PNG signature");
        assertEquals(DocumentType.JPEG, DocumentType.sniff(b(0xFF, 0xD8, 0xFF, 0xE0)));
        assertEquals(DocumentType.GIF, DocumentType.sniff(s("GIF89a....")));
        assertEquals(DocumentType.GIF, DocumentType.sniff(s("GIF87a....")));
        assertNull(DocumentType.sniff(s("GIF90a....")));
        byte[] bmp = new byte[30];
        bmp[0] = 'B';
        bmp[1] = 'M';
        assertEquals(DocumentType.BMP, DocumentType.sniff(bmp));
        assertNull(DocumentType.sniff(s("BMW drivers are a common sight")), "text starting with BM");
        assertEquals(DocumentType.PBM, DocumentType.sniff(s("P4\n8 1\n\0")));
        assertEquals(DocumentType.PBM, DocumentType.sniff(s("P1 2 1 0 1")));
        assertNull(DocumentType.sniff(s("P5\n8 1\n")), "PGM is not PBM");
        assertNull(DocumentType.sniff(new byte[0]));
    }

    @Test
    void hintsByShortNameAndMimeType() {
        assertEquals(DocumentType.ENRICHED, DocumentType.fromName("text/enriched; charset=\"utf-8\""));
        assertEquals(DocumentType.ENRICHED, DocumentType.fromName(" Enriched "));
        assertEquals(DocumentType.TEXT, DocumentType.fromName("TEXT/PLAIN;format=flowed"));
        assertEquals(DocumentType.JPEG, DocumentType.fromName("jpg"));
        assertEquals(DocumentType.TIFF, DocumentType.fromName("image/tiff; application=faxbw"));
        assertEquals(DocumentType.PDF, DocumentType.fromName("application/pdf"));
        assertNull(DocumentType.fromName("application/octet-stream"));
        assertNull(DocumentType.fromName("text/html"));
        assertNull(DocumentType.fromName(null));
    }

    @Test
    void detectOrder() {
        byte[] png = b(0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0);
        // content beats a wrong binary label (mail clients label attachments application/octet-stream or worse)
        assertEquals(DocumentType.PNG, DocumentType.detect(png, "image/jpeg", null));
        // a text label beats content that merely looks like PBM
        assertEquals(DocumentType.TEXT, DocumentType.detect(s("P1 is the first item\n"), "text/plain", null));
        assertEquals(DocumentType.PBM, DocumentType.detect(s("P1 2 1 0 1\n"), null, null));
        // enriched only by label
        byte[] enriched = s("<bold>Hi</bold> there\n");
        assertEquals(DocumentType.TEXT, DocumentType.detect(enriched, null, null));
        assertEquals(DocumentType.ENRICHED, DocumentType.detect(enriched, "text/enriched", null));
        // no magic: a binary label is believed (the decoder then says what is wrong)
        assertEquals(DocumentType.PDF, DocumentType.detect(s("garbage"), "application/pdf", null));
        // no magic, no label: text if it decodes
        assertEquals(DocumentType.TEXT, DocumentType.detect("Grüße\r\n\f\tok".getBytes(StandardCharsets.UTF_8),
            null, null));
        assertNull(DocumentType.detect(b(0xC3, 0x28, 'a'), null, null), "malformed UTF-8");
        assertEquals(DocumentType.TEXT, DocumentType.detect(b(0xC3, 0x28, 'a'), null, StandardCharsets.ISO_8859_1));
        assertNull(DocumentType.detect(b('a', 0, 'b'), null, null), "NUL is binary");
        assertNull(DocumentType.detect(new byte[0], null, null), "empty and unlabelled: nothing to go by");
        assertEquals(DocumentType.TEXT, DocumentType.detect(new byte[0], "text/plain", null));
    }

    @Test
    void textMayHaveAFewControlCharacters() {
        StringBuilder sb = new StringBuilder("x".repeat(200));
        sb.setCharAt(10, '\u0007');
        sb.setCharAt(20, '\u0008');
        assertTrue(DocumentType.looksLikeText(s(sb.toString()), null));
        sb.setCharAt(30, '\u0001');
        assertFalse(DocumentType.looksLikeText(s(sb.toString()), null), "3 of 200 is over 1 %");
    }
}

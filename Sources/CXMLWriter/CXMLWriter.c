#include "CXMLWriter.h"

#include <stdlib.h>
#include <libxml/xmlwriter.h>

struct ssml_xml_writer {
    xmlBufferPtr buffer;
    xmlTextWriterPtr writer;
};

ssml_xml_writer *ssml_xml_writer_create(void) {
    ssml_xml_writer *w = calloc(1, sizeof *w);
    if (w == NULL) return NULL;
    w->buffer = xmlBufferCreate();
    if (w->buffer == NULL) { free(w); return NULL; }
    w->writer = xmlNewTextWriterMemory(w->buffer, 0);
    if (w->writer == NULL) { xmlBufferFree(w->buffer); free(w); return NULL; }
    xmlTextWriterSetIndent(w->writer, 1);
    xmlTextWriterSetIndentString(w->writer, BAD_CAST "  ");
    return w;
}

static int status(int rc) { return rc < 0 ? -1 : 0; }

int ssml_xml_start_document(ssml_xml_writer *w) {
    return status(xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL));
}

int ssml_xml_start_element(ssml_xml_writer *w, const char *name) {
    return status(xmlTextWriterStartElement(w->writer, BAD_CAST name));
}

int ssml_xml_write_attribute(ssml_xml_writer *w, const char *name, const char *value) {
    return status(xmlTextWriterWriteAttribute(w->writer, BAD_CAST name, BAD_CAST value));
}

int ssml_xml_write_text(ssml_xml_writer *w, const char *text) {
    return status(xmlTextWriterWriteString(w->writer, BAD_CAST text));
}

int ssml_xml_end_element(ssml_xml_writer *w) {
    return status(xmlTextWriterEndElement(w->writer));
}

int ssml_xml_end_document(ssml_xml_writer *w) {
    int rc = xmlTextWriterEndDocument(w->writer);
    xmlTextWriterFlush(w->writer);
    return status(rc);
}

const char *ssml_xml_writer_content(ssml_xml_writer *w, size_t *length) {
    if (length != NULL) *length = (size_t)xmlBufferLength(w->buffer);
    return (const char *)xmlBufferContent(w->buffer);
}

int ssml_xml_flush(ssml_xml_writer *w) {
    return status(xmlTextWriterFlush(w->writer));
}

void ssml_xml_writer_clear(ssml_xml_writer *w) {
    xmlBufferEmpty(w->buffer);
}

void ssml_xml_writer_free(ssml_xml_writer *w) {
    if (w == NULL) return;
    xmlFreeTextWriter(w->writer);
    xmlBufferFree(w->buffer);
    free(w);
}

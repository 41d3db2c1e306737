// A deliberately tiny, opaque XML writer API over libxml2's xmlTextWriter.
// Swift code includes only this header, never libxml2's (whose ICU
// declarations clash with Foundation's on this toolchain).
#ifndef SSMLINT_CXMLWRITER_H
#define SSMLINT_CXMLWRITER_H

#include <stddef.h>

typedef struct ssml_xml_writer ssml_xml_writer;

/// Creates a writer that renders an indented UTF-8 document into memory.
/// Returns NULL when libxml2 cannot allocate the buffer or writer.
ssml_xml_writer *ssml_xml_writer_create(void);

/// Each call returns 0 on success and -1 when libxml2 reports an error.
int ssml_xml_start_document(ssml_xml_writer *writer);
int ssml_xml_start_element(ssml_xml_writer *writer, const char *name);
int ssml_xml_write_attribute(ssml_xml_writer *writer, const char *name, const char *value);
int ssml_xml_write_text(ssml_xml_writer *writer, const char *text);
int ssml_xml_end_element(ssml_xml_writer *writer);
int ssml_xml_end_document(ssml_xml_writer *writer);

/// What has been rendered and not yet cleared, and its length (complete
/// after ssml_xml_flush or ssml_xml_end_document). The memory belongs to the writer.
const char *ssml_xml_writer_content(ssml_xml_writer *writer, size_t *length);

/// Moves what libxml2 still holds into the content; returns 0 or -1.
int ssml_xml_flush(ssml_xml_writer *writer);

/// Empties the content once the caller has taken it: the document then never
/// sits whole in memory.
void ssml_xml_writer_clear(ssml_xml_writer *writer);

void ssml_xml_writer_free(ssml_xml_writer *writer);

#endif

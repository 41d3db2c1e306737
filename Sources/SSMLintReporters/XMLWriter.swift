import CXMLWriter
import SSMLintEngine

/// Swift face of the CXMLWriter C target (libxml2's xmlTextWriter). Text is
/// scrubbed of characters XML 1.0 forbids before it reaches libxml2.
final class XMLWriter {
    private let writer: OpaquePointer
    private var failed = false

    init() throws {
        guard let writer = ssml_xml_writer_create() else { throw ReporterFailure("libxml2 could not create an XML writer") }
        self.writer = writer
        check(ssml_xml_start_document(writer))
    }

    deinit { ssml_xml_writer_free(writer) }

    func startElement(_ name: String) { check(ssml_xml_start_element(writer, name)) }
    func attribute(_ name: String, _ value: String) { check(ssml_xml_write_attribute(writer, name, Self.scrub(value))) }
    func text(_ value: String) { check(ssml_xml_write_text(writer, Self.scrub(value))) }
    func endElement() { check(ssml_xml_end_element(writer)) }

    /// Moves what has been written so far into `output`.
    func drain(into output: inout some JSONOutput) throws {
        check(ssml_xml_flush(writer))
        if failed { throw ReporterFailure("libxml2 failed while writing the JUnit report") }
        var length = 0
        if let content = ssml_xml_writer_content(writer, &length), length > 0 {
            content.withMemoryRebound(to: UInt8.self, capacity: length) {
                output.append(UnsafeBufferPointer(start: $0, count: length))
            }
        }
        ssml_xml_writer_clear(writer)
    }

    /// Ends the document and writes what is left of it into `output`.
    func finish(into output: inout some JSONOutput) throws {
        check(ssml_xml_end_document(writer))
        try drain(into: &output)
    }

    private func check(_ status: Int32) {
        if status != 0 { failed = true }
    }

    /// Replaces characters outside XML 1.0's Char production with U+FFFD.
    static func scrub(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isXMLChar($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isXMLChar(scalar) ? scalar : "\u{FFFD}")
        }
        return String(result)
    }

    private static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}

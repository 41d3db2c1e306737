import SSMLintEngine
import SSMLintLoaders
import SSMLintModel
import Testing

/// Session Manager preferences read from every shape a Session document's
/// content takes: an object, a JSON or YAML string, an Fn::Sub string.
@Suite("Session documents")
struct SessionDocumentTests {
    func document(_ content: String, parameters: String = "") throws -> SessionDocument {
        let text = """
            \(parameters)Resources:
              Key:
                Type: AWS::KMS::Key
              Prefs:
                Type: AWS::SSM::Document
                Properties:
                  DocumentType: Session
            \(content)
            """
        return try #require(try Scan.model(text).sessionDocuments[ResourceID("Prefs")])
    }

    func preference(_ document: SessionDocument, _ preference: SessionPreference) -> Value<Bool>? {
        document.preferences[preference]
    }

    @Test("a plain JSON string")
    func jsonString() throws {
        let doc = try document("""
                  Content: '{"schemaVersion": "1.0", "sessionType": "Standard_Stream", "inputs": {"kmsKeyId": "alias/x", "s3BucketName": "", "cloudWatchLogGroupName": "logs"}}'
            """)
        #expect(doc.sessionType == .known("Standard_Stream"))
        #expect(preference(doc, .kmsKeyId) == .known(true))
        #expect(preference(doc, .s3BucketName) == .known(false))
        #expect(preference(doc, .cloudWatchLogGroupName) == .known(true))
    }

    @Test("a YAML string, and an object without inputs")
    func yamlStringAndObject() throws {
        let yaml = try document("""
                  Content: |
                    schemaVersion: "1.0"
                    sessionType: Standard_Stream
                    inputs:
                      s3BucketName: logs-bucket
            """)
        #expect(preference(yaml, .s3BucketName) == .known(true))
        #expect(preference(yaml, .kmsKeyId) == .known(false))
        let object = try document("""
                  Content:
                    schemaVersion: "1.0"
                    sessionType: Port
            """)
        #expect(object.sessionType == .known("Port"))
        #expect(SessionPreference.allCases.allSatisfy { preference(object, $0) == .known(false) })
    }

    @Test("Fn::Sub placeholders: resource attributes are set, parameters without default are unknown, empty defaults are off")
    func subPlaceholders() throws {
        let sub = try document("""
                  Content: !Sub |
                    {"sessionType": "Standard_Stream", "inputs": {"kmsKeyId": "${Key.Arn}", "s3BucketName": "${Bucket}", "cloudWatchLogGroupName": "${Group}"}}
            """, parameters: "Parameters:\n  Bucket: {Type: String}\n  Group: {Type: String, Default: \"\"}\n")
        #expect(sub.sessionType == .known("Standard_Stream"))
        #expect(preference(sub, .kmsKeyId) == .known(true))
        #expect(preference(sub, .s3BucketName)?.unresolved != nil)
        #expect(preference(sub, .cloudWatchLogGroupName) == .known(false))
    }

    @Test("content that does not parse, or is unknown, makes every preference unknown")
    func unreadable() throws {
        let broken = try document("""
                  Content: '{"sessionType": "Standard_Stream", "inputs": {'
            """)
        #expect(preference(broken, .kmsKeyId)?.unresolved != nil)
        #expect(broken.sessionType.unresolved != nil)
        let unknown = try document("""
                  Content: !ImportValue shared-session-preferences
            """)
        #expect(preference(unknown, .s3BucketName)?.unresolved != nil)
    }
}

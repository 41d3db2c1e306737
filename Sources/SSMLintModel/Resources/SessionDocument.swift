/// An `AWS::SSM::Document` / `aws_ssm_document` of type Session: Session
/// Manager preferences (`SSM-SessionManagerRunShell` or a document users start
/// sessions with). Only what decides which endpoints sessions need is kept.
public struct SessionDocument: DeclaredResource {
    public var info: ResourceInfo
    /// `DocumentType` / `document_type`; only `Session` documents hold preferences.
    public var documentType: Value<String>
    /// The content's `sessionType`: `Standard_Stream`, `Port`, `InteractiveCommands`, …
    public var sessionType: Value<String>
    /// Whether each preference in `inputs` is set to a non-empty value.
    public var preferences: [SessionPreference: Value<Bool>]

    public init(info: ResourceInfo, documentType: Value<String>, sessionType: Value<String>,
                preferences: [SessionPreference: Value<Bool>]) {
        self.info = info
        self.documentType = documentType
        self.sessionType = sessionType
        self.preferences = preferences
    }

    public static let standardStream = "Standard_Stream"
}

/// Session preferences whose use makes SSM Agent call another AWS service.
public enum SessionPreference: String, Sendable, CaseIterable, Comparable {
    /// Session data encrypted with a KMS key: the agent calls AWS KMS.
    case kmsKeyId
    /// Session logs sent to CloudWatch Logs.
    case cloudWatchLogGroupName
    /// Session logs uploaded to Amazon S3.
    case s3BucketName

    public static func < (lhs: SessionPreference, rhs: SessionPreference) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

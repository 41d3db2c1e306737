@_exported import SSMLintSource

/// Where a model object comes from: the file, the range of its node, and its
/// logical path in the document (`Resources/SshGroup/Properties/SecurityGroupIngress/0`).
public struct SourceLocation: Hashable, Sendable {
    public var file: String
    public var range: SourceRange
    public var logicalPath: String

    public init(file: String, range: SourceRange, logicalPath: String) {
        self.file = file
        self.range = range
        self.logicalPath = logicalPath
    }
}

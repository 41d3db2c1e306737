@testable import SSMLintAnalysis
import SSMLintModel
import Testing

/// Policy ARNs are taken apart by byte (the last non-empty path segment
/// after `:iam::aws:policy/`), and markers are found in a string's
/// contiguous bytes: both must agree with the character-based reading they
/// replaced.
@Suite("Policy ARNs and byte search")
struct PolicyARNTests {
    static func classify(_ segments: [SymbolicText.Segment]) -> String {
        switch ManagementPermissionEvaluator.classify(SymbolicText(segments)) {
        case .awsManaged(let name): return "aws:\(name)"
        case .customer(let text): return "customer:\(text)"
        case .reference(let id): return "reference:\(id)"
        case .unknown: return "unknown"
        }
    }

    @Test("AWS managed policies by their last path segment; customer policies whole; partitions alike")
    func policyNames() {
        #expect(Self.classify([.literal("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")]) == "aws:AmazonSSMManagedInstanceCore")
        #expect(Self.classify([.literal("arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM")]) == "aws:AmazonEC2RoleforSSM")
        #expect(Self.classify([.literal("arn:aws-cn:iam::aws:policy/a//b/")]) == "aws:b")
        #expect(Self.classify([.literal("arn:aws:iam::aws:policy/")]) == "aws:")
        #expect(Self.classify([.literal("arn:aws:iam::aws:policy///")]) == "aws:")
        #expect(Self.classify([.literal("arn:"), .pseudo("AWS::Partition"), .literal(":iam::aws:policy/é/Ünïcode")]) == "aws:Ünïcode")
        #expect(Self.classify([.literal("arn:aws:iam::123456789012:policy/mine")]) == "customer:arn:aws:iam::123456789012:policy/mine")
        #expect(Self.classify([.literal("arn:"), .pseudo("AWS::Region"), .literal(":iam::aws:policy/x")]) == "aws:x")
        #expect(Self.classify([.literal("arn:aws:iam::aws:policy/"), .pseudo("AWS::StackName")]) == "unknown")
    }

    @Test("byte search finds the first occurrence in strings and substrings, after multi-byte text")
    func byteSearch() {
        let text = "é日:iam::aws:policy/x:iam::aws:policy/y"
        let range = text.firstByteRange(of: ":iam::aws:policy/")
        #expect(range.map { String(text[$0]) } == ":iam::aws:policy/")
        #expect(range.map { String(text[$0.upperBound...]) } == "x:iam::aws:policy/y")
        // In a substring, offsets count from the substring's start.
        let tail = text.dropFirst(2)
        #expect(tail.firstByteRange(of: ":iam::aws:policy/").map { String(tail[$0.upperBound...]) } == "x:iam::aws:policy/y")
        let later = text.dropFirst(3)
        #expect(later.firstByteRange(of: ":iam::aws:policy/").map { String(later[$0.upperBound...]) } == "y")
        #expect(text.firstByteRange(of: "nowhere") == nil)
        #expect("ab".firstByteRange(of: "abc") == nil)
        #expect("abc".firstByteRange(of: "") == "abc".startIndex..<"abc".startIndex)
        #expect("aab".firstByteRange(of: "ab").map { "aab".utf8.distance(from: "aab".startIndex, to: $0.lowerBound) } == 1)
    }
}

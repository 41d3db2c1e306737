import Foundation
import SSMLintLoaders
import SSMLintModel
import Testing

/// The HCL block-header scanner on text that hides block-like text in
/// comments, strings and heredocs, on broken text, and on hostile text.
@Suite("HCL block scanner")
struct HCLBlockScannerTests {
    /// `type label label @line:column` for every top-level block.
    func headers(_ text: String) -> [String] {
        HCLBlockScanner.scan(Array(text.utf8)).blocks.map {
            ([$0.type] + $0.labels).joined(separator: " ") + " @\($0.position.line):\($0.position.column)"
        }
    }

    @Test("top-level blocks with their labels and positions; nested blocks are not top-level")
    func plainBlocks() {
        let text = """
            terraform {
              required_version = ">= 1.5"
            }

            resource "aws_vpc" "main" {
              cidr_block = "10.0.0.0/16"
              lifecycle {
                ignore_changes = [tags]
              }
              dynamic "resource" {
                for_each = []
                content {}
              }
            }
            data "aws_region" "current" {}
              module   "net" {
              source = "./net"
            }
            resource aws_instance bare_labels {
            }
            """
        #expect(headers(text) == [
            "terraform @1:1", "resource aws_vpc main @5:1", "data aws_region current @15:1", "module net @16:3",
            "resource aws_instance bare_labels @19:1",
        ])
    }

    @Test("comments that hold block headers are not blocks")
    func comments() {
        let text = """
            # resource "aws_instance" "hash" {
            // resource "aws_instance" "slashes" {
            /* resource "aws_instance" "block" {
            resource "aws_instance" "inside_block_comment" {
            }
            */
            resource /* inline */ "aws_instance" "real" { # resource "x" "y" {
            }
            """
        #expect(headers(text) == ["resource aws_instance real @7:1"])
    }

    @Test("strings with braces, escaped quotes and templates do not end a block early")
    func strings() {
        let text = #"""
            resource "aws_security_group" "a" {
              description = "} closing brace { and \"resource \\\"x\\\" \\\"y\\\" {\" }"
              name        = "${var.prefix}-${join("}", ["{", "}}"])}"
              literal     = "$${not.a.template} %%{ nor this } \\"
              nested      = "${ { for k, v in var.m : k => "}${v}{" } }"
              directive   = "%{ if var.x }}{%{ endif }"
            }
            resource "aws_instance" "after" {
            }
            """#
        #expect(headers(text) == ["resource aws_security_group a @1:1", "resource aws_instance after @8:1"])
    }

    @Test("heredocs with block-like text, indented and suffix markers, and templates inside")
    func heredocs() {
        let text = """
            resource "aws_instance" "a" {
              user_data = <<EOF
            resource "aws_instance" "in_heredoc" {
            }
            EOF2
            NOT EOF
              EOF
              policy = <<-JSON
                {"resource": "x", "braces": "}}}", "tpl": "${jsonencode({a = "}"})}"}
                JSON
            }
            locals {
              doc = <<-EOT
            resource "aws_instance" "in_local_heredoc" {
                EOT
            }
            resource "aws_instance" "b" {
            }
            """
        #expect(headers(text) == ["resource aws_instance a @1:1", "locals @12:1", "resource aws_instance b @17:1"])
        #expect(HCLBlockScanner.scan(Array(text.utf8)).problem == nil)
    }

    @Test("a template interpolation in a heredoc may span lines; a marker line inside it does not end the heredoc")
    func heredocTemplateAcrossLines() {
        let text = """
            locals {
              x = <<EOT
            ${join(",", [
            "EOT",
            ])}
            EOT
            }
            resource "aws_vpc" "v" {}
            """
        #expect(headers(text) == ["locals @1:1", "resource aws_vpc v @8:1"])
    }

    @Test("CRLF line ends give the same lines and columns, and comment text without the CR")
    func crlf() {
        let text = """
            # ssmlint:ignore SSM006 approved
            resource "aws_security_group" "a" {
              x = <<EOT
            resource "no" "no" {
            EOT
            }
            resource "aws_vpc" "b" {
            }
            """
        let lf = HCLBlockScanner.scan(Array(text.utf8))
        let crlf = HCLBlockScanner.scan(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        #expect(lf.blocks == crlf.blocks)
        #expect(crlf.blocks.map(\.position.line) == [2, 7])
        #expect(crlf.blocks[0].leadingComments.map(\.text) == [" ssmlint:ignore SSM006 approved"])
    }

    @Test("unterminated strings, heredocs, comments and templates stop with a problem, never a crash; earlier blocks stay")
    func unterminated() {
        let cases: [(String, String)] = [
            ("resource \"a\" \"b\" {}\nresource \"c\" \"d\" {\n  x = \"open\n}\n", "unterminated string"),
            ("resource \"a\" \"b\" {}\nlocals {\n  x = <<EOT\nno end\n", "unterminated heredoc"),
            ("resource \"a\" \"b\" {}\n/* never closed\nresource \"c\" \"d\" {}\n", "unterminated /* comment"),
            ("resource \"a\" \"b\" {}\nlocals {\n  x = \"${var.y\n", "unterminated"),
            ("resource \"a\" \"b\" {}\nresource \"c\" \"d\" {\n", ""),
            ("resource \"a\" \"b\" {}\n}}}]])))\nresource \"c\" \"d\" {}\n", ""),
        ]
        for (text, problem) in cases {
            let scan = HCLBlockScanner.scan(Array(text.utf8))
            #expect(scan.blocks.first?.labels == ["a", "b"], "\(text)")
            if problem.isEmpty {
                #expect(scan.problem == nil, "\(text)")
            } else {
                #expect(scan.problem?.message.hasPrefix(problem) == true, "\(text): \(String(describing: scan.problem))")
            }
        }
        // A stray closing brace at the top level is skipped: the next block is still found.
        #expect(headers("}}}]])))\nresource \"c\" \"d\" {}\n") == ["resource c d @2:1"])
        // The header's `{` must be on its own line; labels over several lines are no header.
        #expect(headers("resource \"a\"\n\"b\" {\n}\nresource \"c\" \"d\"\n{\n}\n").isEmpty)
    }

    @Test("leading comments: the run of comment lines directly above a header, not across a blank line or code")
    func leadingComments() {
        let text = """
            # not leading: a blank line follows

            # first
            // second
            /* third */
            resource "a" "one" {
            } # after code: not leading
            resource "a" "two" {
            }
            x = 1 /* after code */
            resource "a" "three" {
            }
            /* spans
               lines */ # same line
            resource "a" "four" {
            }
            """
        let scan = HCLBlockScanner.scan(Array(text.utf8))
        #expect(scan.blocks.map { $0.leadingComments.map(\.text) } == [
            [" first", " second", " third "], [], [], [" spans\n   lines ", " same line"],
        ])
        #expect(scan.blocks[0].leadingComments.map(\.isLineComment) == [true, true, false])
        #expect(scan.comments.count == 8)
    }

    @Test("columns count Unicode scalars; a byte-order mark is skipped")
    func columns() {
        let text = "\u{FEFF}/* é ü */ resource \"a\" \"b\" {}\n"
        #expect(headers(text) == ["resource a b @1:11"])
    }

    @Test("hostile input: deep nesting stops at the limit, long and random input ends quickly without a crash")
    func hostile() {
        let deep = String(repeating: "x = \"${", count: 100_000)
        let scan = HCLBlockScanner.scan(Array(("resource \"a\" \"b\" {}\n" + deep).utf8))
        #expect(scan.blocks.count == 1)
        #expect(scan.problem?.message.contains("nesting deeper") == true)

        let brackets = String(repeating: "{[(", count: 200_000) + "\nresource \"c\" \"d\" {}\n"
        #expect(HCLBlockScanner.scan(Array(brackets.utf8)).blocks.isEmpty)

        // A long run of comment lines above a header is collected in linear time.
        let comments = String(repeating: "# ssmlint:ignore SSM006 reason\n", count: 50_000) + "resource \"a\" \"b\" {}\n"
        let commentStart = Date()
        #expect(HCLBlockScanner.scan(Array(comments.utf8)).blocks.first?.leadingComments.count == 50_000)
        #expect(Date().timeIntervalSince(commentStart) < 10)

        // Random soups of the constructs the scanner tracks: it must end and keep its invariants.
        let pieces = ["resource", " \"a\"", " \"b\"", " {", "}", "\n", "\r\n", "#", "//", "/*", "*/", "\"", "\\", "${", "%{",
                      "$${", "<<EOT\n", "<<-EOT\n", "EOT\n", "  EOT\n", "[", "]", "(", ")", "é", "\u{0}", "\u{FF}", "x", "=", " "]
        var generator = SplitMix(seed: 0x55AA)
        let start = Date()
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(generator.next() % 400) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            let scan = HCLBlockScanner.scan(bytes)
            let lines = bytes.filter { $0 == 0x0A }.count + 1
            for block in scan.blocks {
                #expect(block.position.line >= 1 && block.position.line <= lines)
                #expect(block.end >= block.position)
            }
        }
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test("invalid UTF-8 and NUL bytes are scanned, not rejected")
    func invalidBytes() {
        var bytes = Array("resource \"a\" \"b\" {\n  x = \"".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0xC3]
        bytes += Array("\"\n}\nresource \"c\" \"d\" {}\n".utf8)
        #expect(HCLBlockScanner.scan(bytes).blocks.map(\.labels) == [["a", "b"], ["c", "d"]])
    }
}

/// A small deterministic generator (SplitMix64) so random inputs repeat.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

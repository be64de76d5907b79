import Foundation
import OpsRampConfiguration
import Testing

/// `README.md`, `.env.example` and `--help` are written by hand (help from `ConfigurationVariable`'s summaries);
/// this keeps all three in agreement with the one list of variables, `ConfigurationVariable`.
@Suite("Documentation: every setting in README, .env.example and --help, and no other")
struct ConfigurationDocumentationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every full `OPSRAMP_...` name in `text` (not a pattern such as `OPSRAMP_MCP_*`).
    static func names(in text: String) -> Set<String> {
        let pattern = /OPSRAMP_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_*])/
        return Set(text.matches(of: pattern).map { String($0.output) })
    }

    static func helpText() async throws -> String {
        let process = try ServerProcess(environment: [:], arguments: ["--help"])
        process.closeStdin()
        let status = await process.waitForExit(timeout: 20)
        #expect(status == 0)
        return String(decoding: process.stdoutBytes, as: UTF8.self)
    }

    static let listed = Set(ConfigurationVariable.allCases.map(\.name))

    func check(_ document: String, text: String) {
        let found = Self.names(in: text)
        for name in Self.listed.subtracting(found).sorted() {
            Issue.record("\(document) does not mention \(name), which ConfigurationVariable lists")
        }
        for name in found.subtracting(Self.listed).sorted() {
            Issue.record("\(document) mentions \(name), which ConfigurationVariable does not list (a typo, or a variable to add)")
        }
    }

    @Test("README.md names exactly the variables ConfigurationVariable lists, each in its settings table")
    func readme() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        check("README.md", text: text)
        let tableRows = text.split(separator: "\n").filter { $0.hasPrefix("| `OPSRAMP_") }
        for name in Self.listed.sorted() {
            #expect(tableRows.contains { $0.hasPrefix("| `\(name)`") }, "README.md's settings table has no row for \(name)")
        }
    }

    @Test(".env.example names exactly the variables ConfigurationVariable lists, each as an assignment")
    func environmentExample() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(".env.example"), encoding: .utf8)
        check(".env.example", text: text)
        let assignments = text.split(separator: "\n").map { $0.hasPrefix("#") ? $0.dropFirst() : $0[...] }
        for name in Self.listed.sorted() {
            #expect(assignments.contains { $0.hasPrefix("\(name)=") }, ".env.example has no \(name)= line")
        }
    }

    @Test("--help names exactly the variables ConfigurationVariable lists")
    func help() async throws {
        check("--help", text: try await Self.helpText())
    }

    @Test("the name finder sees full names and skips patterns")
    func nameFinder() {
        #expect(
            Self.names(in: "set `OPSRAMP_BASE_URL`, any OPSRAMP_* or OPSRAMP_MCP_* name; OPSRAMP_MCP_TOOLS=a")
                == ["OPSRAMP_BASE_URL", "OPSRAMP_MCP_TOOLS"])
    }
}

import Foundation
import Testing

/// README's "How it is built" maps each part of the design to its target and files; this keeps that map true
/// as files move: every path it names exists, every target it names is a target, and every source folder and
/// tool file has its place in it.
@Suite("Documentation: README's map of the design to targets and files")
struct ReadmeLayoutTests {
    static let root = ConfigurationDocumentationTests.root

    /// The text of README's "How it is built" section, up to the next `## ` heading.
    static func section() throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = text.range(of: "\n## How it is built\n") else { return "" }
        let rest = text[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// One row of the parts table: the names in backticks in its target and files columns.
    struct Row {
        let part: String
        let targets: [String]
        let paths: [String]
    }

    /// The rows of the first table in `section` (after its header and separator lines).
    static func rows(in section: String) -> [Row] {
        let lines = section.split(separator: "\n").filter { $0.hasPrefix("|") }.dropFirst(2)
        return lines.compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            guard cells.count == 3 else { return nil }
            let cellList = Array(cells)
            return Row(
                part: cellList[0].trimmingCharacters(in: .whitespaces),
                targets: quoted(in: cellList[1]), paths: quoted(in: cellList[2]))
        }
    }

    /// Every `name` in backticks in `text`.
    static func quoted(in text: Substring) -> [String] {
        text.matches(of: /`([^`]+)`/).map { String($0.output.1) }
    }

    /// What is wrong with `rows` against the repository at `root`: paths that do not exist, targets Package.swift
    /// does not declare.
    static func problems(in rows: [Row], root: URL, declaredTargets: Set<String>) -> [String] {
        var found: [String] = []
        for row in rows {
            if row.targets.isEmpty { found.append("\(row.part): names no target") }
            if row.paths.isEmpty { found.append("\(row.part): names no file") }
            for target in row.targets where !declaredTargets.contains(target) {
                found.append("\(row.part): \(target) is not a target in Package.swift")
            }
            for path in row.paths where !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
                found.append("\(row.part): \(path) does not exist")
            }
        }
        return found
    }

    static func declaredTargets() throws -> Set<String> {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        return Set(manifest.matches(of: /(?:target|executableTarget|testTarget)\(\s*name:\s*"([^"]+)"/).map { String($0.output.1) })
    }

    @Test("every target and path the README's parts table names exists")
    func tableIsTrue() throws {
        let rows = Self.rows(in: try Self.section())
        #expect(rows.count >= 13, "the parts table has \(rows.count) rows; one per design part and per tool are expected")
        for problem in Self.problems(in: rows, root: Self.root, declaredTargets: try Self.declaredTargets()) {
            Issue.record("README.md, How it is built: \(problem)")
        }
    }

    @Test("every tool file has its row in the parts table")
    func everyToolHasARow() throws {
        let named = Set(Self.rows(in: try Self.section()).flatMap(\.paths))
        let folder = "Sources/OpsRampTools/Tools"
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for file in files.sorted() where !named.contains("\(folder)/\(file)") {
            Issue.record("README.md's parts table does not name \(folder)/\(file)")
        }
    }

    /// The types a Swift source declares or extends at its top level.
    static func declaredTypes(in source: String) -> Set<String> {
        let pattern =
            /(?:public |package |internal |fileprivate |private )?(?:final )?(?:struct|enum|class|actor|protocol|extension) ([A-Za-z_][A-Za-z0-9_]*)/
        return Set(source.split(separator: "\n").compactMap { line in line.prefixMatch(of: pattern).map { String($0.output.1) } })
    }

    /// Whether `source` names `type` as a whole word.
    static func mentions(_ source: String, _ type: String) -> Bool {
        source.matches(of: /[A-Za-z0-9_]+/).contains { $0.output == type }
    }

    /// Support files that the tool files of exactly one tool row use (name a type they declare) but that row does
    /// not list. `sources` maps paths to their text; a support file several tools use belongs to no single row.
    static func unlistedSupport(rows: [Row], support: [String], tools: String, sources: [String: String]) -> [String] {
        let toolRows = rows.filter { $0.part.hasPrefix("tool `") }
        var found: [String] = []
        for path in support.sorted() {
            let types = declaredTypes(in: sources[path] ?? "")
            let users = toolRows.filter { row in
                row.paths.filter { $0.hasPrefix(tools + "/") }.contains { toolPath in
                    let text = sources[toolPath] ?? ""
                    return types.contains { mentions(text, $0) }
                }
            }
            if users.count == 1, let row = users.first, !row.paths.contains(path) {
                found.append("\(row.part) uses \(path) but does not list it")
            }
        }
        return found
    }

    @Test("a support file only one tool uses is listed in that tool's row")
    func singleUseSupportIsInItsToolsRow() throws {
        let rows = Self.rows(in: try Self.section())
        let support = "Sources/OpsRampTools/Support"
        let tools = "Sources/OpsRampTools/Tools"
        var sources: [String: String] = [:]
        var supportPaths: [String] = []
        for folder in [support, tools] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path)
            for name in names where name.hasSuffix(".swift") {
                let path = "\(folder)/\(name)"
                sources[path] = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
                if folder == support { supportPaths.append(path) }
            }
        }
        #expect(supportPaths.count >= 10)
        for problem in Self.unlistedSupport(rows: rows, support: supportPaths, tools: tools, sources: sources) {
            Issue.record("README.md, How it is built: \(problem)")
        }
    }

    @Test("the support check finds a file only one tool uses, and leaves shared and listed ones alone")
    func supportCheckFindsFaults() {
        let table = """
            | Part | Target | Files |
            |---|---|---|
            | tool `a` | `T` | `Tools/A.swift`, `Support/Listed.swift` |
            | tool `b` | `T` | `Tools/B.swift` |
            """
        let sources = [
            "Tools/A.swift": "let x = Only.make() + Shared.value + Listed.value + Widgetry.none",
            "Tools/B.swift": "let y = Shared.value // OnlyNot",
            "Support/Only.swift": "enum Only {}",
            "Support/Shared.swift": "struct Shared {}\nextension Shared {}",
            "Support/Listed.swift": "public enum Listed {}",
            "Support/Widget.swift": "final class Widget {}",
        ]
        let problems = Self.unlistedSupport(
            rows: Self.rows(in: table), support: Array(sources.keys.filter { $0.hasPrefix("Support/") }), tools: "Tools",
            sources: sources)
        #expect(problems == ["tool `a` uses Support/Only.swift but does not list it"])
    }

    @Test("every folder under Sources has its line in the layout")
    func everySourceFolderIsInTheLayout() throws {
        let section = try Self.section()
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
        #expect(folders.count >= 10)
        for folder in folders.sorted() where !section.contains("\n  \(folder)/ ") {
            Issue.record("README.md's layout has no line for Sources/\(folder)/")
        }
    }

    @Test("the check reports a missing file, an unknown target and a row without either")
    func checkerFindsFaults() {
        let table = """
            | Part | Target | Files |
            |---|---|---|
            | real | `OpsRampMCP` | `Package.swift` |
            | gone | `OpsRampMCP` | `Sources/OpsRampMCP/NoSuchFile.swift` |
            | renamed | `MCP` | `README.md` |
            | empty | | |
            """
        let rows = Self.rows(in: table)
        #expect(rows.map(\.part) == ["real", "gone", "renamed", "empty"])
        let problems = Self.problems(in: rows, root: Self.root, declaredTargets: ["OpsRampMCP"])
        #expect(
            problems == [
                "gone: Sources/OpsRampMCP/NoSuchFile.swift does not exist",
                "renamed: MCP is not a target in Package.swift",
                "empty: names no target",
                "empty: names no file",
            ])
    }
}

import Foundation
import OpsRampJSON

/// One measured row: the server's value beside its floor or reference, and the target it is held to.
struct BenchmarkRow: Codable, Sendable {
    /// How `value` is held to `target`.
    enum Check: String, Codable, Sendable {
        /// `value / reference ≤ target`.
        case ratio
        /// `value - reference ≤ target` (memory growth, in the row's unit).
        case growth
        /// `value < target`.
        case below
        /// No target: shown for reference.
        case info
    }

    enum Unit: String, Codable, Sendable {
        case seconds, kilobytes, count

        func show(_ value: Double) -> String {
            switch self {
            case .seconds: String(format: "%.2f ms", value * 1000)
            case .kilobytes: String(format: "%.1f MB", value / 1024)
            case .count: value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
            }
        }
    }

    /// A stable name across runs, for comparing runs.
    let key: String
    let what: String
    let unit: Unit
    let value: Double
    let reference: Double?
    let check: Check
    let target: Double?

    var ratio: Double? { reference.map { value / $0 } }

    var met: Bool? {
        guard let target else { return nil }
        switch check {
        case .ratio: return ratio.map { $0 <= target }
        case .growth: return reference.map { value - $0 <= target }
        case .below: return value < target
        case .info: return nil
        }
    }

    /// The comparison column: a ratio, or a growth in MB.
    var comparison: String {
        switch check {
        case .growth: reference.map { String(format: "%+.1f MB", (value - $0) / 1024) } ?? ""
        default: ratio.map { String(format: "%.2fx", $0) } ?? ""
        }
    }

    var verdict: String {
        guard let target, let met else { return "" }
        let bound =
            switch check {
            case .ratio: String(format: "≤ %.1fx", target)
            case .growth: String(format: "≤ +%.0f MB", target / 1024)
            case .below: "< \(unit.show(target))"
            case .info: ""
            }
        return "\(met ? "met" : "MISSED") (\(bound))"
    }
}

/// An answer's size against its budget: one question or listing, in one call.
struct SizeRow: Codable, Sendable {
    let what: String
    /// OpsRamp requests the call made (token aside); `nil` for a listing.
    let opsRampRequests: Int?
    let bytes: Int
    /// Exclusive.
    let budget: Int?
    /// The call gave a result (not an error).
    let answered: Bool

    var met: Bool { answered && budget.map { bytes < $0 } ?? true }

    var verdict: String {
        var text = opsRampRequests == nil ? "" : (answered ? "answered in 1 call" : "NOT ANSWERED")
        if let budget {
            text += (text.isEmpty ? "" : ", ") + (bytes < budget ? "met" : "MISSED") + " (< \(budget))"
        }
        return text
    }
}

/// The rows and notes of one benchmark run, as a Markdown table and as JSON for `Benchmarks/summarize.swift`.
struct Report: Codable {
    /// Which binary and build this run measured.
    var binary: String
    var build: String
    var label: String
    private(set) var rows: [BenchmarkRow] = []
    private(set) var notes: [String] = []
    private(set) var sizes: [SizeRow] = []

    init(binary: String, build: String, label: String) {
        self.binary = binary
        self.build = build
        self.label = label
    }

    mutating func add(_ row: BenchmarkRow) {
        rows.append(row)
    }

    /// A time against its floor, held to `target` times the floor.
    mutating func time(_ key: String, _ what: String, _ seconds: Double, floor: Double, target: Double?) {
        add(
            BenchmarkRow(
                key: key, what: what, unit: .seconds, value: seconds, reference: floor,
                check: target == nil ? .info : .ratio, target: target))
    }

    /// Memory (kB) against a reference, allowed to exceed it by `allowedGrowthMB`.
    mutating func memory(_ key: String, _ what: String, _ kilobytes: Int, reference: Int, allowedGrowthMB: Double) {
        add(
            BenchmarkRow(
                key: key, what: what, unit: .kilobytes, value: Double(kilobytes), reference: Double(reference),
                check: .growth, target: allowedGrowthMB * 1024))
    }

    mutating func note(_ text: String) {
        notes.append(text)
    }

    /// A size with its budget (bytes, exclusive).
    mutating func budget(_ what: String, bytes: Int, under limit: Int) {
        sizes.append(SizeRow(what: what, opsRampRequests: nil, bytes: bytes, budget: limit, answered: true))
    }

    /// One tools/call answering a question: its text content's size, and how many OpsRamp requests it took.
    mutating func answer(_ question: String, line: String?, opsRampRequests: Int, under limit: Int?) {
        let result = line.flatMap { try? JSONParser.parse($0) }?["result"]
        let text = result?["content"]?[0]?["text"]?.stringValue
        let answered = result?["isError"] == false && text != nil
        sizes.append(SizeRow(what: question, opsRampRequests: opsRampRequests, bytes: text?.utf8.count ?? 0, budget: limit, answered: answered))
    }

    /// The size rows as a Markdown table (empty when there are none).
    static func sizeTable(_ sizes: [SizeRow]) -> [String] {
        guard !sizes.isEmpty else { return [] }
        return ["", "| question or listing | tools/call | OpsRamp requests (token aside) | size (text content) | budget |", "|---|---|---|---|---|"]
            + sizes.map { "| \($0.what) | 1 | \($0.opsRampRequests.map(String.init) ?? "-") | \($0.bytes) bytes | \($0.verdict) |" }
    }

    func markdown() -> String {
        var lines = [
            "benchmark of \(binary) (\(build) build)",
            "",
            "| measure | server | floor / reference | ratio | target |",
            "|---|---|---|---|---|",
        ]
        for row in rows {
            lines.append(
                "| \(row.what) | \(row.unit.show(row.value)) | \(row.reference.map(row.unit.show) ?? "") | \(row.comparison) | \(row.verdict) |")
        }
        lines += Self.sizeTable(sizes)
        lines.append("")
        lines += notes.map { "benchmark: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

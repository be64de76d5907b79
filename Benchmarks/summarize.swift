// Combines benchmark runs (the JSON files BenchmarkTests writes) into one Markdown table per build:
// the median of each row over the runs, and, when runs of two labels are given (a baseline and the
// current code, measured back to back), each row before and after with the after/before ratio.
// Usage: summarize TITLE FILE.json...
import Foundation

struct Row: Decodable {
    let key: String
    let what: String
    let unit: String
    let value: Double
    let reference: Double?
    let check: String
    let target: Double?
}

struct Size: Decodable {
    let what: String
    let opsRampRequests: Int?
    let bytes: Int
    let budget: Int?
    let answered: Bool
}

struct Run: Decodable {
    let binary: String
    let build: String
    let label: String
    let rows: [Row]
    let notes: [String]
    let sizes: [Size]?
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func show(_ value: Double, unit: String) -> String {
    switch unit {
    case "seconds": String(format: "%.2f ms", value * 1000)
    case "kilobytes": String(format: "%.1f MB", value / 1024)
    default: value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

/// The comparison with the floor and the verdict, for a row's medians.
func verdict(_ row: Row, value: Double, reference: Double?) -> (String, String) {
    var comparison = ""
    var met: Bool?
    var bound = ""
    switch row.check {
    case "ratio":
        if let reference { comparison = String(format: "%.2fx", value / reference) }
        if let target = row.target, let reference { met = value / reference <= target; bound = String(format: "≤ %.1fx", target) }
    case "growth":
        if let reference { comparison = String(format: "%+.1f MB", (value - reference) / 1024) }
        if let target = row.target, let reference { met = value - reference <= target; bound = String(format: "≤ +%.0f MB", target / 1024) }
    case "below":
        if let target = row.target { met = value < target; bound = "< " + show(target, unit: row.unit) }
    default:
        if let reference { comparison = String(format: "%.2fx", value / reference) }
    }
    return (comparison, met.map { "\($0 ? "met" : "MISSED") (\(bound))" } ?? "")
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: summarize TITLE FILE.json...\n".utf8))
    exit(2)
}
var runs: [Run] = []
for path in arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: path), let run = try? JSONDecoder().decode(Run.self, from: data) else {
        FileHandle.standardError.write(Data("summarize: cannot read \(path)\n".utf8))
        exit(1)
    }
    runs.append(run)
}

var output = ["# \(arguments[1])", ""]
var allMet = true
let builds = runs.map(\.build).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
for build in builds {
    let ofBuild = runs.filter { $0.build == build }
    let labels = ofBuild.map(\.label).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    let current = labels.last ?? ""
    let baseline = labels.count > 1 ? labels.first : nil
    let currentRuns = ofBuild.filter { $0.label == current }
    let baselineRuns = ofBuild.filter { $0.label == baseline }
    output.append("## \(build) build: \(currentRuns.first?.binary ?? ""), median of \(currentRuns.count) run(s)"
        + (baseline.map { " (before: \($0), \(baselineRuns.count) run(s), alternating with the current code)" } ?? ""))
    output.append("")
    if baseline != nil {
        output += ["| measure | before | after | after / before | floor / reference | ratio | target |", "|---|---|---|---|---|---|---|"]
    } else {
        output += ["| measure | server | floor / reference | ratio | target |", "|---|---|---|---|---|"]
    }
    for row in currentRuns.first?.rows ?? [] {
        let samples = currentRuns.compactMap { $0.rows.first { $0.key == row.key } }
        let value = median(samples.map(\.value))
        let references = samples.compactMap(\.reference)
        let reference = references.isEmpty ? nil : median(references)
        let (comparison, result) = verdict(row, value: value, reference: reference)
        if result.hasPrefix("MISSED") { allMet = false }
        let floor = reference.map { show($0, unit: row.unit) } ?? ""
        if baseline != nil {
            let before = baselineRuns.compactMap { $0.rows.first { $0.key == row.key }?.value }
            let beforeValue = before.isEmpty ? nil : median(before)
            let change = beforeValue.map { $0 == 0 ? "" : String(format: "%.2fx", value / $0) } ?? ""
            output.append("| \(row.what) | \(beforeValue.map { show($0, unit: row.unit) } ?? "") | \(show(value, unit: row.unit)) | \(change) "
                + "| \(floor) | \(comparison) | \(result) |")
        } else {
            output.append("| \(row.what) | \(show(value, unit: row.unit)) | \(floor) | \(comparison) | \(result) |")
        }
    }
    // Sizes do not vary between runs: the current code's last run, with the baseline's bytes beside them.
    if let sizes = currentRuns.last?.sizes, !sizes.isEmpty {
        let before = baselineRuns.last?.sizes ?? []
        output += ["", "| question or listing | OpsRamp requests (token aside) | size (text content)\(baseline == nil ? "" : " | before") | budget |",
                   baseline == nil ? "|---|---|---|---|" : "|---|---|---|---|---|"]
        for size in sizes {
            var verdict = size.opsRampRequests == nil ? "" : (size.answered ? "answered in 1 call" : "NOT ANSWERED")
            if let budget = size.budget {
                verdict += (verdict.isEmpty ? "" : ", ") + (size.bytes < budget ? "met" : "MISSED") + " (< \(budget))"
                if size.bytes >= budget { allMet = false }
            }
            if size.opsRampRequests != nil && !size.answered { allMet = false }
            let old = before.first { $0.what == size.what }.map { " | \($0.bytes) bytes" } ?? (baseline == nil ? "" : " | ")
            output.append("| \(size.what) | \(size.opsRampRequests.map(String.init) ?? "-") | \(size.bytes) bytes\(old) | \(verdict) |")
        }
    }
    output.append("")
    if let baselineNotes = baselineRuns.last?.notes, !baselineNotes.isEmpty {
        output += baselineNotes.map { "- before: \($0)" }
    }
    output += (currentRuns.last?.notes ?? []).map { "- \(baseline == nil ? "" : "after: ")\($0)" }
    output.append("")
}
print(output.joined(separator: "\n"))
exit(allMet ? 0 : 1)

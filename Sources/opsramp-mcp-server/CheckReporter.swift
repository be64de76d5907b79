import OpsRampSecrets
import OpsRampSupport

/// Writes `--check` lines to stdout the moment each step ends, not when the process exits:
/// `print` is block-buffered on a pipe, so a user piping `--check` into `tee` or a CI log would
/// otherwise see nothing while a slow step runs. Every line passes the secret redactor first.
struct CheckReporter {
    enum Outcome: String {
        case pass = "PASS"
        case fail = "FAIL"
        case warning = "WARN"
    }

    /// Standard output.
    let descriptor: Int32 = 1

    func line(_ text: String = "") {
        DescriptorWriter.writeAll(Array((SecretRedactor.shared.redact(text) + "\n").utf8), to: descriptor)
    }

    /// `[PASS] step` and the detail indented below it, one line per line of detail.
    func step(_ outcome: Outcome, _ step: String, _ detail: String) {
        var text = "[\(outcome.rawValue)] \(step)"
        for detailLine in detail.split(separator: "\n") { text += "\n      \(detailLine)" }
        line(text)
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time zone names as operators write them, read into Foundation zones.
enum TimeZoneNames {
    /// Where the tz database lives on Linux and macOS.
    static let zoneinfo = "/usr/share/zoneinfo"

    /// Any name Foundation knows (`Europe/Berlin`, `EST`, `PST8PDT`, `US/Pacific`), also in another
    /// case (`europe/berlin`, `est`); `UTC`, `Z` and `GMT` are UTC, named `UTC`.
    static func lookUp(_ raw: String) -> (TimeZone, String)? {
        let name = raw.trimmingWhitespace()
        guard !name.isEmpty, name.count <= 64 else { return nil }
        if ["utc", "z", "gmt", "etc/utc", "etc/gmt", "zulu", "universal", "etc/universal", "etc/zulu"].contains(name.lowercased()) {
            return (OperatorTimeZone.utc.zone, "UTC")
        }
        if let zone = TimeZone(identifier: name) { return (zone, zone.identifier) }
        let lowered = name.lowercased()
        if let known = TimeZone.knownTimeZoneIdentifiers.first(where: { $0.lowercased() == lowered }),
            let zone = TimeZone(identifier: known)
        {
            return (zone, known)
        }
        if !name.contains("/"), let zone = TimeZone(identifier: name.uppercased()) { return (zone, zone.identifier) }
        return nil
    }

    /// The zone name in a zoneinfo path, as glibc accepts in `TZ`: `/usr/share/zoneinfo/America/Los_Angeles`,
    /// `/usr/share/zoneinfo/posix/Europe/Berlin`, or a link to one (`/etc/localtime`).
    static func zoneName(fromPath path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        // realpath(3) rather than URL.resolvingSymlinksInPath(), whose path standardizing pages in a good
        // part of Foundation's and CoreFoundation's string code at every start.
        let resolved = realpath(path, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        }
        for candidate in [path] + (resolved.map { [$0] } ?? []) {
            guard let marker = candidate.byteRange(of: "/zoneinfo/", last: true) else { continue }
            var name = String(candidate[marker.upperBound...])
            for prefix in ["posix/", "right/"] where name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
            if !name.isEmpty { return name }
        }
        return nil
    }

    /// A warning for a name Foundation accepts that is not in the tz database (ICU's old
    /// abbreviations such as `PST`, `IST`, `BST`): those are ambiguous, so the offset is shown.
    static func abbreviationWarning(_ setting: String, zone: TimeZone, now: Date) -> String? {
        let name = zone.identifier
        guard !name.contains("/"), name != "GMT", !TimeZone.knownTimeZoneIdentifiers.contains(name),
            FileManager.default.fileExists(atPath: zoneinfo),
            !FileManager.default.fileExists(atPath: zoneinfo + "/" + name)
        else { return nil }
        let offset = zone.secondsFromGMT(for: now)
        let minutes = abs(offset) / 60
        let shown = String(format: "UTC%@%02d:%02d", offset < 0 ? "-" : "+", minutes / 60, minutes % 60)
        return "\(ConfigurationVariable.timeZone.name) \(VariableReader.quoted(setting)) is an abbreviation, not a tz database "
            + "name; it is read as \(name), \(shown) now. Abbreviations are ambiguous (IST, BST and CST each name several "
            + "zones): if that offset is not the one you meant, use a Region/City name such as Europe/London."
    }

    /// The known zone name nearest to `text` (at most two edits, ignoring case), for a suggestion.
    static func closest(to text: String) -> String? {
        let wanted = Array(text.trimmingWhitespace().lowercased().unicodeScalars)
        guard wanted.count >= 3, wanted.count <= 64 else { return nil }
        var best: (name: String, distance: Int)?
        for name in TimeZone.knownTimeZoneIdentifiers {
            let candidate = Array(name.lowercased().unicodeScalars)
            guard abs(candidate.count - wanted.count) <= 2 else { continue }
            let distance = editDistance(wanted, candidate)
            if distance <= 2, distance < (best?.distance ?? .max) { best = (name, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance.
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, right) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

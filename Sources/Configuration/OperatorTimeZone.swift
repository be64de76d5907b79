import Foundation

/// The time zone in which the operator's times are read: a time without a zone
/// (`2026-12-01T07:00`), a date alone, `today` and `yesterday`.
///
/// Chosen once at start-up: `OPSRAMP_TIMEZONE` (an IANA name such as `Europe/Berlin`) when it is
/// valid, otherwise the system's zone (`TZ`, then the zone Foundation reports for the machine),
/// otherwise UTC.
public struct OperatorTimeZone: Sendable, Equatable {
    /// Where the zone came from, for start-up logs and answers.
    public enum Source: String, Sendable, Equatable {
        /// `OPSRAMP_TIMEZONE`.
        case setting
        /// `TZ` or the machine's own zone.
        case system
        /// Nothing usable was found.
        case fallback
    }

    public let zone: TimeZone
    /// The name shown in answers, e.g. `America/Los_Angeles` or `UTC`.
    public let name: String
    public let source: Source

    /// Where the zone came from, in words: `OPSRAMP_TIMEZONE`, `the system's zone`, ...
    public var origin: String {
        switch source {
        case .setting: ConfigurationVariable.timeZone.name
        case .system: "the system's zone"
        case .fallback: "no system zone found"
        }
    }

    public init(zone: TimeZone, name: String? = nil, source: Source) {
        self.zone = zone
        self.name = name ?? zone.identifier
        self.source = source
    }

    /// UTC, named `UTC` (Foundation calls it `GMT`).
    public static let utc = OperatorTimeZone(zone: TimeZone(secondsFromGMT: 0) ?? .current, name: "UTC", source: .fallback)

    /// Picks the zone from the setting, `TZ`, then `system` (the machine's zone, `nil` when unknown).
    /// `warning` says why an invalid `OPSRAMP_TIMEZONE` was ignored.
    static func resolve(setting: String?, tz: String?, system: () -> TimeZone?) -> (zone: OperatorTimeZone, warning: String?) {
        if let setting, let (zone, name) = lookUp(setting) {
            return (OperatorTimeZone(zone: zone, name: name, source: .setting), nil)
        }
        let fallback: OperatorTimeZone
        if let tz, let (zone, name) = lookUp(tz.hasPrefix(":") ? String(tz.dropFirst()) : tz) {
            fallback = OperatorTimeZone(zone: zone, name: name, source: .system)
        } else if let zone = system() {
            let isUTC = zone.secondsFromGMT() == 0 && ["GMT", "UTC", "Etc/UTC", "Etc/GMT"].contains(zone.identifier)
            fallback = OperatorTimeZone(zone: zone, name: isUTC ? "UTC" : nil, source: .system)
        } else {
            fallback = .utc
        }
        guard let setting else { return (fallback, nil) }
        let warning = "\(ConfigurationVariable.timeZone.name) must be an IANA time zone name such as Europe/Berlin, "
            + "America/Los_Angeles or UTC; ignored \(VariableReader.quoted(setting)), reading times without a zone in "
            + "\(fallback.name) (\(fallback.origin))"
        return (fallback, warning)
    }

    /// An IANA name, matched exactly or ignoring case (`europe/berlin`); `UTC`, `Z` and `GMT` are UTC.
    private static func lookUp(_ raw: String) -> (TimeZone, String)? {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { return nil }
        if ["utc", "z", "gmt", "etc/utc", "etc/gmt", "zulu"].contains(name.lowercased()) {
            return (utc.zone, "UTC")
        }
        if let zone = TimeZone(identifier: name), name.contains("/") || TimeZone.knownTimeZoneIdentifiers.contains(name) {
            return (zone, zone.identifier)
        }
        let lowered = name.lowercased()
        if let known = TimeZone.knownTimeZoneIdentifiers.first(where: { $0.lowercased() == lowered }),
           let zone = TimeZone(identifier: known) {
            return (zone, known)
        }
        return nil
    }
}

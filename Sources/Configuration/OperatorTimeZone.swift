import Foundation

/// The time zone in which the operator's times are read: a time without a zone
/// (`2026-12-01T07:00`), a date alone, `today` and `yesterday`.
///
/// Chosen once at start-up: `OPSRAMP_TIMEZONE` (any name Foundation knows: `Europe/Berlin`, `EST`,
/// `PST8PDT`), otherwise the system's zone (`TZ` as glibc reads it: a name, `:name`, a zoneinfo
/// path or a POSIX string; without `TZ`, the machine's zone), otherwise UTC. A zone that could not
/// be read is never replaced silently: `problem` says so, for the start-up log, `--check` and
/// every answer whose window used the zone.
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

    /// Why the zone is not simply the one asked for.
    public struct Problem: Sendable, Equatable {
        /// What was wrong, which zone is used instead, and what to set.
        public let message: String
        /// True when `--check` must fail: `OPSRAMP_TIMEZONE` is set and cannot be read.
        public let failsCheck: Bool
        /// True when the zone in use is a stand-in: answers with a window carry `message` as a note.
        public let fellBack: Bool

        public init(message: String, failsCheck: Bool, fellBack: Bool) {
            self.message = message
            self.failsCheck = failsCheck
            self.fellBack = fellBack
        }
    }

    public let zone: TimeZone
    /// The name shown in answers, e.g. `America/Los_Angeles` or `UTC`.
    public let name: String
    public let source: Source
    public let problem: Problem?

    /// Where the zone came from, in words: `OPSRAMP_TIMEZONE`, `the system's zone`, ...
    public var origin: String {
        switch source {
        case .setting: ConfigurationVariable.timeZone.name
        case .system: "the system's zone"
        case .fallback: "no usable zone found"
        }
    }

    /// The note for answers whose window used this zone: set only when the zone is a stand-in.
    public var windowNote: String? {
        problem.flatMap { $0.fellBack ? $0.message : nil }
    }

    public init(zone: TimeZone, name: String? = nil, source: Source, problem: Problem? = nil) {
        self.zone = zone
        self.name = name ?? zone.identifier
        self.source = source
        self.problem = problem
    }

    /// UTC, named `UTC` (Foundation calls it `GMT`).
    public static let utc = OperatorTimeZone(zone: TimeZone(secondsFromGMT: 0) ?? .current, name: "UTC", source: .fallback)

    private static let readIn = "times without a zone, dates, today and yesterday are read in"

    /// Picks the zone from the setting, then `TZ`, then `system` (the machine's zone, `nil` when unknown).
    static func resolve(setting: String?, tz: String?, system: () -> TimeZone?, now: Date = Date()) -> OperatorTimeZone {
        let variable = ConfigurationVariable.timeZone.name
        guard let setting else { return systemZone(tz: tz, system: system, now: now) }
        if let (zone, name) = TimeZoneNames.lookUp(setting) {
            let problem = TimeZoneNames.abbreviationWarning(setting, zone: zone, now: now)
                .map { Problem(message: $0, failsCheck: false, fellBack: false) }
            return OperatorTimeZone(zone: zone, name: name, source: .setting, problem: problem)
        }
        let fallback = systemZone(tz: tz, system: system, now: now)
        let suggestion = TimeZoneNames.closest(to: setting).map { " (did you mean \($0)?)" } ?? ""
        let message = "\(variable) \(VariableReader.quoted(setting)) is not a time zone name\(suggestion); expected an IANA name "
            + "such as Europe/Berlin, America/Los_Angeles or UTC. Until it is fixed, \(readIn) \(fallback.name) "
            + "(\(fallback.origin)) instead. Fix \(variable) and restart the server."
        return OperatorTimeZone(zone: fallback.zone, name: fallback.name, source: fallback.source,
                                problem: Problem(message: message, failsCheck: true, fellBack: true))
    }

    /// `TZ` as glibc reads it, else the machine's zone, else UTC; a zone that cannot be told is said so.
    static func systemZone(tz: String?, system: () -> TimeZone?, now: Date) -> OperatorTimeZone {
        let advice = "Set \(ConfigurationVariable.timeZone.name) to an IANA name such as Europe/Berlin to choose the zone."
        guard let tz else {
            guard let zone = system() else {
                let message = "The system's time zone could not be determined, so \(readIn) UTC. " + advice
                return OperatorTimeZone(zone: utc.zone, name: "UTC", source: .fallback,
                                        problem: Problem(message: message, failsCheck: false, fellBack: true))
            }
            let isUTC = zone.secondsFromGMT() == 0 && ["GMT", "UTC", "Etc/UTC", "Etc/GMT"].contains(zone.identifier)
            return OperatorTimeZone(zone: zone, name: isUTC ? "UTC" : nil, source: .system)
        }
        let value = tz.hasPrefix(":") ? String(tz.dropFirst()) : tz
        if let path = TimeZoneNames.zoneName(fromPath: value), let (zone, name) = TimeZoneNames.lookUp(path) {
            return OperatorTimeZone(zone: zone, name: name, source: .system)
        }
        if !value.hasPrefix("/"), let (zone, name) = TimeZoneNames.lookUp(value) {
            return OperatorTimeZone(zone: zone, name: name, source: .system)
        }
        if let posix = PosixTimeZone(value), let (zone, matched) = posix.zone(around: now) {
            let name = matched.map { "\(value) (rules of \($0))" } ?? posix.fixedName
            return OperatorTimeZone(zone: zone, name: name, source: .system)
        }
        let message = "TZ=\(VariableReader.quoted(tz)) is not a time zone this server can read, so \(readIn) UTC "
            + "(which may not be the system's zone). " + advice
        return OperatorTimeZone(zone: utc.zone, name: "UTC", source: .fallback,
                                problem: Problem(message: message, failsCheck: false, fellBack: true))
    }
}

import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time zone in which the operator's times are read: a time without a zone
/// (`2026-12-01T07:00`), a date alone, `today` and `yesterday`.
///
/// Chosen once at start-up: `OPSRAMP_TIMEZONE` (any name Foundation knows: `Europe/Berlin`, `EST`,
/// `PST8PDT`), otherwise the system's zone (`TZ` as glibc reads it: a name, `:name`, a zoneinfo
/// path or a POSIX string; without `TZ`, the machine's zone), otherwise UTC. A zone that could not
/// be read is never replaced silently: `problem` says so, for the start-up log, `--check` and
/// every answer whose window used the zone.
///
/// The machine's own zone is named from the link `/etc/localtime` (as Foundation finds it) and
/// loaded only when a time is first read: loading a zone initialises ICU's time zone data, close
/// to 2 MB of resident memory that a server which is never asked about times should not carry.
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
        let fellBack: Bool

        public init(message: String, failsCheck: Bool, fellBack: Bool) {
            self.message = message
            self.failsCheck = failsCheck
            self.fellBack = fellBack
        }
    }

    /// The zone, loaded on first use.
    public var zone: TimeZone { loaded.zone }
    /// The name shown in answers, e.g. `America/Los_Angeles` or `UTC`.
    public let name: String
    public let source: Source
    public let problem: Problem?
    private let loaded: LoadedOnce

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

    init(zone: TimeZone, name: String? = nil, source: Source, problem: Problem? = nil) {
        self.name = name ?? zone.identifier
        self.source = source
        self.problem = problem
        loaded = LoadedOnce { zone }
    }

    /// A zone known by name, loaded when first used (`load` must not fail; it falls back itself).
    init(name: String, source: Source, load: @escaping @Sendable () -> TimeZone) {
        self.name = name
        self.source = source
        problem = nil
        loaded = LoadedOnce(load)
    }

    public static func == (lhs: OperatorTimeZone, rhs: OperatorTimeZone) -> Bool {
        lhs.name == rhs.name && lhs.source == rhs.source && lhs.problem == rhs.problem && lhs.zone == rhs.zone
    }

    /// Names of UTC, shown as `UTC`.
    static let utcNames = ["GMT", "UTC", "Etc/UTC", "Etc/GMT"]

    /// UTC, named `UTC` (Foundation calls it `GMT`).
    public static let utc = OperatorTimeZone(zone: TimeZone(secondsFromGMT: 0) ?? .current, name: "UTC", source: .fallback)

    private static let readIn = "times without a zone, dates, today and yesterday are read in"

    /// Picks the zone from the setting, then `TZ`, then the machine's zone: by `systemName` (the name
    /// its link gives, loaded later), else `system` (`nil` when unknown).
    static func resolve(
        setting: String?, tz: String?, systemName: () -> String? = { nil }, system: () -> TimeZone?,
        now: Date = Date()
    ) -> OperatorTimeZone {
        let variable = ConfigurationVariable.timeZone.name
        guard let setting else { return systemZone(tz: tz, systemName: systemName, system: system, now: now) }
        if let (zone, name) = TimeZoneNames.lookUp(setting) {
            let problem = TimeZoneNames.abbreviationWarning(setting, zone: zone, now: now)
                .map { Problem(message: $0, failsCheck: false, fellBack: false) }
            return OperatorTimeZone(zone: zone, name: name, source: .setting, problem: problem)
        }
        let fallback = systemZone(tz: tz, systemName: systemName, system: system, now: now)
        let suggestion = TimeZoneNames.closest(to: setting).map { " (did you mean \($0)?)" } ?? ""
        let message =
            "\(variable) \(VariableReader.quoted(setting)) is not a time zone name\(suggestion); expected an IANA name "
            + "such as Europe/Berlin, America/Los_Angeles or UTC. Until it is fixed, \(readIn) \(fallback.name) "
            + "(\(fallback.origin)) instead. Fix \(variable) and restart the server."
        return OperatorTimeZone(
            zone: fallback.zone, name: fallback.name, source: fallback.source,
            problem: Problem(message: message, failsCheck: true, fellBack: true))
    }

    /// `TZ` as glibc reads it, else the machine's zone, else UTC; a zone that cannot be told is said so.
    static func systemZone(tz: String?, systemName: () -> String?, system: () -> TimeZone?, now: Date) -> OperatorTimeZone {
        let advice = "Set \(ConfigurationVariable.timeZone.name) to an IANA name such as Europe/Berlin to choose the zone."
        guard let tz else {
            if let name = systemName() {
                return utcNames.contains(name)
                    ? OperatorTimeZone(zone: utc.zone, name: "UTC", source: .system)
                    : OperatorTimeZone(name: name, source: .system) { TimeZone(identifier: name) ?? .current }
            }
            guard let zone = system() else {
                let message = "The system's time zone could not be determined, so \(readIn) UTC. " + advice
                return OperatorTimeZone(
                    zone: utc.zone, name: "UTC", source: .fallback,
                    problem: Problem(message: message, failsCheck: false, fellBack: true))
            }
            let isUTC = zone.secondsFromGMT() == 0 && utcNames.contains(zone.identifier)
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
        let message =
            "TZ=\(VariableReader.quoted(tz)) is not a time zone this server can read, so \(readIn) UTC "
            + "(which may not be the system's zone). " + advice
        return OperatorTimeZone(
            zone: utc.zone, name: "UTC", source: .fallback,
            problem: Problem(message: message, failsCheck: false, fellBack: true))
    }

    /// The zone name the machine's link gives (`/etc/localtime` -> `.../zoneinfo/Europe/Berlin`), read
    /// the way Foundation reads it but without loading the zone; `nil` when it is not such a link.
    static func linkedSystemZoneName(link: String = "/etc/localtime") -> String? {
        var buffer = [CChar](repeating: 0, count: 4_096)
        let count = readlink(link, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        var target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if !target.hasPrefix("/") { target = (link as NSString).deletingLastPathComponent + "/" + target }
        guard let name = TimeZoneNames.zoneName(fromPath: target) else { return nil }
        // A name Foundation would accept: path components of ASCII letters, digits, '_', '-', '+'. Tested
        // on the bytes: Unicode's letter property would page in the runtime's property tables at start-up.
        let allowed = name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || "_-+/".utf8.contains($0)
        }
        return allowed && !name.hasPrefix("/") && !name.containsBytes("..") ? name : nil
    }
}

/// A time zone made on first use and kept.
private final class LoadedOnce: Sendable {
    private let load: @Sendable () -> TimeZone
    private let value = Mutex<TimeZone?>(nil)

    init(_ load: @escaping @Sendable () -> TimeZone) {
        self.load = load
    }

    var zone: TimeZone {
        value.withLock { current in
            if let current { return current }
            let made = load()
            current = made
            return made
        }
    }
}

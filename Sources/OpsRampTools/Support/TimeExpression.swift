import Foundation

/// Reads the times an operator (or a model on their behalf) writes:
/// - relative, meaning that long before now: `30m`, `1h`, `24h`, `7d`, `2w`, `90s`, `-15min`, `3 hours ago`;
/// - `now`, `today` and `yesterday` (midnight at the start of that day in the operator's zone);
/// - ISO 8601: a date (`2026-12-01`, midnight in the operator's zone), a date and time with or without
///   seconds (`2026-12-01T07:30`, `2026-12-01 07:30:15`), which without a zone is in the operator's zone,
///   and with one (`Z`, `+02:00`, `+0200`, `-05`, ` UTC`) is exactly that instant; a time alone (`07:00`)
///   is today in the operator's zone.
///
/// Zone-less times go through the calendar of the zone, so daylight saving time is honoured: a time
/// that does not exist (skipped by the spring change) moves forward by the gap, and one that exists
/// twice (the autumn change) is the first of the two.
struct TimeExpression: Sendable {
    /// Years outside this range are typing mistakes, not questions about alerts.
    static let years = 1970...2100
    /// The longest relative time accepted.
    static let longestRelative: Duration = .seconds(10 * 366 * 86_400)

    let timeZone: TimeZone
    let now: Date

    /// The accepted forms, for error messages; `zoneName` is the operator's zone.
    static func help(zoneName: String) -> String {
        "Accepted: a relative time (30m, 1h, 24h, 7d, 2w), now, today, yesterday, a date (2026-12-01), "
            + "a local time in \(zoneName) (2026-12-01T07:30 or 2026-12-01T07:30:00), "
            + "or a time with a zone (2026-12-01T07:30:00Z, 2026-12-01T07:30:00+02:00)"
    }

    func parse(_ text: String) throws(TimeExpressionError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw TimeExpressionError(value: text, reason: .empty) }
        guard trimmed.utf8.count <= 100 else { throw TimeExpressionError(value: text, reason: .tooLong) }
        let lowered = trimmed.lowercased()
        switch lowered {
        case "now": return now
        case "today": return startOfDay(daysBack: 0)
        case "yesterday": return startOfDay(daysBack: 1)
        default: break
        }
        // Whole seconds, so the conversion to `Date`'s TimeInterval at this edge is exact.
        if let offset = try Self.relativeOffset(lowered, original: text) { return now.addingTimeInterval(-Double(offset.components.seconds)) }
        var reader = ISOTimeReader(text: trimmed, original: text)
        let parts = try reader.read()
        return try instant(parts, original: text)
    }

    /// The zone's offset when it never changes (UTC and the other `GMT±hhmm` zones): days are then
    /// plain arithmetic. Other zones go through the calendar, which loads the zone's rules (ICU's data,
    /// some 2 MB resident) and honours daylight saving time.
    private var fixedOffset: Int? {
        let name = timeZone.identifier
        guard
            name == "GMT"
                || (name.hasPrefix("GMT") && name.utf8.count == 8 && (name.contains("+") || name.contains("-"))
                    && name.utf8.dropFirst(4).allSatisfy({ (0x30...0x39).contains($0) }))
        else { return nil }
        return timeZone.secondsFromGMT()
    }

    /// Midnight at the start of the day `daysBack` days before today, in the operator's zone.
    private func startOfDay(daysBack: Int) -> Date {
        if let offset = fixedOffset {
            let localDay = Int(((now.timeIntervalSince1970 + Double(offset)) / 86_400).rounded(.down))
            return Date(timeIntervalSince1970: Double((localDay - daysBack) * 86_400 - offset))
        }
        let calendar = self.calendar
        let today = calendar.startOfDay(for: now)
        guard daysBack > 0 else { return today }
        // Step back from noon: a day is not always 24 hours long where clocks change.
        let noon = calendar.date(byAdding: .hour, value: 12, to: today) ?? today
        let earlier = calendar.date(byAdding: .day, value: -daysBack, to: noon) ?? noon.addingTimeInterval(-86_400 * Double(daysBack))
        return calendar.startOfDay(for: earlier)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The instant the parts name: with an offset by arithmetic, without one through the zone's calendar.
    private func instant(_ parts: ISOTimeParts, original: String) throws(TimeExpressionError) -> Date {
        var date = parts.date
        if date == nil, let offset = fixedOffset {
            date = CivilDate.civil(days: Int(((now.timeIntervalSince1970 + Double(offset)) / 86_400).rounded(.down)))
        }
        if date == nil {
            // A time alone is on today's date in the operator's zone.
            let today = calendar.dateComponents([.year, .month, .day], from: now)
            guard let year = today.year, let month = today.month, let day = today.day else {
                throw TimeExpressionError(value: original, reason: .unrecognised)
            }
            date = (year, month, day)
        }
        guard let (year, month, day) = date else { throw TimeExpressionError(value: original, reason: .unrecognised) }
        let time = parts.time ?? (0, 0, 0, 0)
        if let offset = parts.offsetSeconds ?? fixedOffset {
            let days = CivilDate.days(year: year, month: month, day: day)
            let seconds = Double(days * 86_400 + time.hour * 3_600 + time.minute * 60 + time.second - offset)
            return Date(timeIntervalSince1970: seconds + time.fraction)
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = time.hour
        components.minute = time.minute
        components.second = time.second
        guard let local = calendar.date(from: components) else { throw TimeExpressionError(value: original, reason: .unrecognised) }
        return local.addingTimeInterval(time.fraction)
    }

    /// `90s`, `15m`, `15min`, `1h`, `7d`, `2w`, `3 hours`, optionally with a leading `-`, `last `
    /// or a trailing ` ago`; `nil` when the text is not of that shape at all.
    static func relativeOffset(_ text: String, original: String) throws(TimeExpressionError) -> Duration? {
        var body = Substring(text)
        if body.hasPrefix("last ") { body = body.dropFirst(5) }
        if body.hasPrefix("-") { body = body.dropFirst() }
        if body.hasSuffix(" ago") { body = body.dropLast(4) }
        let digits = body.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return nil }
        let unit = body.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let scale: Int
        switch unit {
        case "s", "sec", "secs", "second", "seconds": scale = 1
        case "m", "min", "mins", "minute", "minutes": scale = 60
        case "h", "hr", "hrs", "hour", "hours": scale = 3_600
        case "d", "day", "days": scale = 86_400
        case "w", "wk", "week", "weeks": scale = 604_800
        default: return nil
        }
        guard digits.count <= 9, let amount = Int(digits) else { throw TimeExpressionError(value: original, reason: .tooFarBack) }
        let offset = Duration.seconds(amount * scale)
        guard offset <= longestRelative else { throw TimeExpressionError(value: original, reason: .tooFarBack) }
        return offset
    }
}

/// Why a time could not be read; `description` quotes the value (cut short) and names the problem.
struct TimeExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case empty
        case tooLong
        case unrecognised
        case trailingText(String)
        case invalidOffset(String)
        case yearOutOfRange(String)
        case invalidDate(String)
        case invalidTime(String)
        case zoneWithoutDate
        case tooFarBack
    }

    let value: String
    let reason: Reason

    /// The value as shown in a message: quoted, at most 40 characters.
    var quoted: String { Self.quote(value) }

    /// `text` quoted for a message, cut to 40 characters (with its length when cut), on one line.
    static func quote(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 40 ? "\"\(flat.prefix(40))...\" (\(text.count) characters)" : "\"\(flat)\""
    }

    var description: String {
        switch reason {
        case .empty: "is empty"
        case .tooLong: "\(quoted) is too long to be a time"
        case .unrecognised: "\(quoted) is not a time this server can read"
        case .trailingText(let rest): "\(quoted) has unexpected text \(Self.cut(rest)) after the time"
        case .invalidOffset(let offset): "\(quoted) has an impossible UTC offset \(Self.cut(offset)) (offsets run from -12:00 to +14:00)"
        case .yearOutOfRange(let year):
            "\(quoted) has the year \(Self.cut(year)), outside \(TimeExpression.years.lowerBound)-\(TimeExpression.years.upperBound)"
        case .invalidDate(let detail): "\(quoted) is not a calendar date (\(detail))"
        case .invalidTime(let detail): "\(quoted) is not a time of day (\(detail))"
        case .zoneWithoutDate: "\(quoted) gives a zone but no date; write the date too, e.g. 2026-12-01T07:00:00Z"
        case .tooFarBack: "\(quoted) reaches back more than 10 years"
        }
    }

    private static func cut(_ text: String) -> String {
        text.count > 20 ? "\"\(text.prefix(20))...\"" : "\"\(text)\""
    }
}

/// Proleptic Gregorian calendar arithmetic on plain integers (no time zone database involved).
enum CivilDate {
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days after 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

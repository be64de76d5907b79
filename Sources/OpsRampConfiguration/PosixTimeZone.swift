import Foundation

/// A POSIX `TZ` string (`<-08>8`, `EST5`, `CET-1CEST,M3.5.0,M10.5.0/3`), which glibc honours but
/// Foundation cannot read. A fixed offset becomes a fixed zone; a string with summer-time rules
/// becomes the tz database zone whose offsets agree with those rules around `now` (five years),
/// since a Foundation `TimeZone` cannot carry rules of its own.
struct PosixTimeZone: Equatable {
    /// Seconds east of UTC in standard time (POSIX writes the opposite sign: `EST5` is UTC-5).
    let standardOffset: Int
    /// Summer time: its offset and the rules of its start and end, when the string has them.
    let summer: Summer?

    struct Summer: Equatable {
        let offset: Int
        let start: Rule
        let end: Rule
    }

    /// A day of the year (`Jn`, `n` or `Mm.w.d`) and the local time of the change, in seconds.
    struct Rule: Equatable {
        enum Day: Equatable {
            /// `Jn`: 1...365, February 29 never counted.
            case julian(Int)
            /// `n`: 0...365, February 29 counted in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }

        let day: Day
        let time: Int
    }

    /// The parsed string, or `nil` when `text` is not one.
    init?(_ text: String) {
        var scanner = Substring(text)
        guard Self.name(&scanner), let standard = Self.offset(&scanner) else { return nil }
        standardOffset = -standard
        if scanner.isEmpty {
            summer = nil
            return
        }
        guard Self.name(&scanner) else { return nil }
        let summerOffset = Self.offset(&scanner).map { -$0 } ?? (standardOffset + 3_600)
        let rules: (Rule, Rule)
        if scanner.isEmpty {
            // glibc's default when a string names summer time without rules: the US rules.
            rules = (
                Rule(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7_200),
                Rule(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7_200)
            )
        } else {
            guard scanner.first == "," else { return nil }
            scanner = scanner.dropFirst()
            guard let start = Self.rule(&scanner), scanner.first == "," else { return nil }
            scanner = scanner.dropFirst()
            guard let end = Self.rule(&scanner), scanner.isEmpty else { return nil }
            rules = (start, end)
        }
        summer = Summer(offset: summerOffset, start: rules.0, end: rules.1)
    }

    /// The zone to read times in: a fixed offset, or the tz database zone that agrees with the rules.
    func zone(around now: Date) -> (zone: TimeZone, matched: String?)? {
        guard summer != nil else { return TimeZone(secondsFromGMT: standardOffset).map { ($0, nil) } }
        let samples = samples(around: now)
        // Where several zones agree, the better-known region names the match (Europe/Amsterdam, not Africa/Ceuta).
        let regions = ["Europe/", "America/", "Australia/", "Asia/", "Pacific/", "Africa/", "Atlantic/", "Indian/"]
        func rank(_ identifier: String) -> Int { regions.firstIndex { identifier.hasPrefix($0) } ?? regions.count }
        let candidates = TimeZone.knownTimeZoneIdentifiers.sorted { (rank($0), $0) < (rank($1), $1) }
        for identifier in candidates {
            guard let zone = TimeZone(identifier: identifier) else { continue }
            if samples.allSatisfy({ zone.secondsFromGMT(for: $0.instant) == $0.offset }) { return (zone, identifier) }
        }
        return nil
    }

    /// `UTC-08:00`, for a fixed offset.
    var fixedName: String {
        let sign = standardOffset < 0 ? "-" : "+"
        let minutes = abs(standardOffset) / 60
        return String(format: "UTC%@%02d:%02d", sign, minutes / 60, minutes % 60)
    }

    /// Instants just before and after each change, and in the middle of each season, over five years.
    private func samples(around now: Date) -> [(instant: Date, offset: Int)] {
        guard let summer else { return [] }
        let year = Self.utcCalendar.component(.year, from: now)
        var samples: [(Date, Int)] = []
        for year in (year - 2)...(year + 2) {
            guard let start = change(summer.start, year: year, offsetBefore: standardOffset),
                let end = change(summer.end, year: year, offsetBefore: summer.offset)
            else { return [] }
            let middle = Date(timeIntervalSince1970: (start.timeIntervalSince1970 + end.timeIntervalSince1970) / 2)
            let northern = start < end
            samples += [
                (start.addingTimeInterval(-120), standardOffset), (start.addingTimeInterval(120), summer.offset),
                (end.addingTimeInterval(-120), summer.offset), (end.addingTimeInterval(120), standardOffset),
                (middle, northern ? summer.offset : standardOffset),
            ]
        }
        return samples
    }

    /// When `rule` changes the clock in `year`, in UTC; `offsetBefore` is the offset in force until then.
    private func change(_ rule: Rule, year: Int, offsetBefore: Int) -> Date? {
        let calendar = Self.utcCalendar
        guard let january = calendar.date(from: DateComponents(year: year, month: 1, day: 1)) else { return nil }
        let day: Date?
        switch rule.day {
        case .julian(let number):
            let isLeap = calendar.range(of: .day, in: .year, for: january)?.count == 366
            day = calendar.date(byAdding: .day, value: number - 1 + (isLeap && number >= 60 ? 1 : 0), to: january)
        case .zeroBased(let number):
            day = calendar.date(byAdding: .day, value: number, to: january)
        case .monthWeekDay(let month, let week, let weekday):
            guard let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
                let length = calendar.range(of: .day, in: .month, for: first)?.count
            else { return nil }
            let firstWeekday = calendar.component(.weekday, from: first) - 1
            var dayOfMonth = 1 + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            while dayOfMonth > length { dayOfMonth -= 7 }
            day = calendar.date(from: DateComponents(year: year, month: month, day: dayOfMonth))
        }
        return day?.addingTimeInterval(Double(rule.time - offsetBefore))
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    // MARK: - Scanning

    /// `<...>` or three or more letters.
    private static func name(_ text: inout Substring) -> Bool {
        if text.first == "<" {
            guard let close = text.firstIndex(of: ">"), text.distance(from: text.startIndex, to: close) >= 2 else { return false }
            text = text[text.index(after: close)...]
            return true
        }
        let letters = text.prefix { $0.isASCII && $0.isLetter }
        guard letters.count >= 3 else { return false }
        text = text.dropFirst(letters.count)
        return true
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, positive west of UTC as POSIX writes it; `nil` when absent or out of range.
    private static func offset(_ text: inout Substring, maximumHours: Int = 24) -> Int? {
        var sign = 1
        if let first = text.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            text = text.dropFirst()
        }
        var parts: [Int] = []
        while parts.count < 3 {
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            guard (1...3).contains(digits.count), let value = Int(digits) else { break }
            parts.append(value)
            text = text.dropFirst(digits.count)
            guard text.first == ":" else { break }
            text = text.dropFirst()
        }
        guard let hours = parts.first, hours <= maximumHours, parts.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        let minutes = parts.count > 1 ? parts[1] : 0
        let seconds = parts.count > 2 ? parts[2] : 0
        return sign * (hours * 3_600 + minutes * 60 + seconds)
    }

    private static func rule(_ text: inout Substring) -> Rule? {
        let day: Rule.Day
        if text.first == "J" {
            text = text.dropFirst()
            guard let number = integer(&text), (1...365).contains(number) else { return nil }
            day = .julian(number)
        } else if text.first == "M" {
            text = text.dropFirst()
            guard let month = integer(&text), (1...12).contains(month), text.first == "." else { return nil }
            text = text.dropFirst()
            guard let week = integer(&text), (1...5).contains(week), text.first == "." else { return nil }
            text = text.dropFirst()
            guard let weekday = integer(&text), (0...6).contains(weekday) else { return nil }
            day = .monthWeekDay(month: month, week: week, weekday: weekday)
        } else {
            guard let number = integer(&text), (0...365).contains(number) else { return nil }
            day = .zeroBased(number)
        }
        var time = 7_200
        if text.first == "/" {
            text = text.dropFirst()
            guard let value = offset(&text, maximumHours: 167) else { return nil }
            time = value
        }
        return Rule(day: day, time: time)
    }

    private static func integer(_ text: inout Substring) -> Int? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard (1...3).contains(digits.count) else { return nil }
        text = text.dropFirst(digits.count)
        return Int(digits)
    }
}

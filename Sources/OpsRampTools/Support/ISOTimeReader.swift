/// The pieces of an ISO 8601 date and time, checked for range but not yet placed in a zone.
struct ISOTimeParts: Sendable {
    typealias Day = (year: Int, month: Int, day: Int)
    typealias TimeOfDay = (hour: Int, minute: Int, second: Int, fraction: Double)

    /// `nil` for a time alone (`07:00`).
    var date: Day?
    /// `nil` for a date alone.
    var time: TimeOfDay?
    /// Seconds east of UTC when the text gave a zone; `nil` means "in the operator's zone".
    var offsetSeconds: Int?
}

/// A strict reader for `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][zone]` and `HH:MM[:SS]`, where zone is
/// `Z`, `±HH:MM`, `±HHMM`, `±HH` or `UTC`/`GMT` (optionally after one space). Everything must be
/// consumed: trailing text is an error, not something to ignore.
struct ISOTimeReader {
    private let bytes: [UInt8]
    private let original: String
    private var index = 0

    init(text: String, original: String) {
        bytes = Array(text.utf8)
        self.original = original
    }

    mutating func read() throws(TimeExpressionError) -> ISOTimeParts {
        var parts = ISOTimeParts()
        let leading = peekDigits()
        if leading >= 1, leading <= 2, byte(at: index + leading) == UInt8(ascii: ":") {
            parts.time = try readTime()
            if index < bytes.count {
                let rest = index
                if (try? readZone()) != nil, index == bytes.count { throw failure(.zoneWithoutDate) }
                index = rest
                throw failure(.trailingText(remainder))
            }
            return parts
        }
        parts.date = try readDate()
        guard index < bytes.count else { return parts }
        guard let separator = byte(at: index), [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(separator),
            peekDigits(from: index + 1) > 0
        else { throw failure(.trailingText(remainder)) }
        index += 1
        parts.time = try readTime()
        if index < bytes.count {
            parts.offsetSeconds = try readZone()
        }
        guard index == bytes.count else { throw failure(.trailingText(remainder)) }
        return parts
    }

    // MARK: Pieces

    private mutating func readDate() throws(TimeExpressionError) -> ISOTimeParts.Day {
        let yearDigits = peekDigits()
        guard yearDigits >= 4, byte(at: index + yearDigits) == UInt8(ascii: "-") else {
            throw failure(
                yearDigits > 0 && yearDigits < 4 && byte(at: index + yearDigits) == UInt8(ascii: "-")
                    ? .yearOutOfRange(text(index, yearDigits)) : .unrecognised)
        }
        let yearText = text(index, yearDigits)
        guard yearDigits == 4, let year = number(yearDigits), TimeExpression.years.contains(year) else {
            throw failure(.yearOutOfRange(yearText))
        }
        index += 1
        guard let month = number(max: 2), expect("-"), let day = number(max: 2) else { throw failure(.unrecognised) }
        guard (1...12).contains(month) else { throw failure(.invalidDate("there is no month \(month)")) }
        guard (1...CivilDate.daysIn(month: month, year: year)).contains(day) else {
            throw failure(.invalidDate("month \(month) of \(year) has no day \(day)"))
        }
        return (year, month, day)
    }

    private mutating func readTime() throws(TimeExpressionError) -> ISOTimeParts.TimeOfDay {
        guard let hour = number(max: 2), expect(":"), let minute = number(max: 2) else {
            throw failure(.invalidTime("expected HH:MM"))
        }
        guard hour < 24 else { throw failure(.invalidTime("there is no hour \(hour)")) }
        guard minute < 60 else { throw failure(.invalidTime("there is no minute \(minute)")) }
        var second = 0
        var fraction = 0.0
        if byte(at: index) == UInt8(ascii: ":") {
            index += 1
            guard peekDigits() == 2, let value = number(max: 2) else { throw failure(.invalidTime("expected two digits of seconds")) }
            guard value < 60 else { throw failure(.invalidTime("there is no second \(value)")) }
            second = value
            if let mark = byte(at: index), mark == UInt8(ascii: ".") || mark == UInt8(ascii: ",") {
                let digits = peekDigits(from: index + 1)
                guard digits > 0, digits <= 9 else { throw failure(.invalidTime("expected digits after the decimal mark")) }
                fraction = Double("0." + text(index + 1, digits)) ?? 0
                index += 1 + digits
            }
        }
        return (hour, minute, second, fraction)
    }

    /// Seconds east of UTC.
    private mutating func readZone() throws(TimeExpressionError) -> Int {
        if byte(at: index) == UInt8(ascii: " ") { index += 1 }
        let rest = remainder
        let upper = rest.uppercased()
        for designator in ["UTC", "GMT", "Z"] where upper.hasPrefix(designator) {
            index += designator.utf8.count
            guard index == bytes.count else { throw failure(.trailingText(remainder)) }
            return 0
        }
        guard let sign = byte(at: index), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
            throw failure(.trailingText(rest))
        }
        index += 1
        guard let hours = number(2) else { throw failure(.invalidOffset(rest)) }
        var minutes = 0
        let colon = expect(":")
        if colon || peekDigits() > 0 {
            guard peekDigits() == 2, let value = number(2) else { throw failure(.invalidOffset(rest)) }
            minutes = value
        }
        guard index == bytes.count else { throw failure(.trailingText(remainder)) }
        let total = hours * 60 + minutes
        guard minutes < 60, total <= 14 * 60 else { throw failure(.invalidOffset(rest)) }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * total * 60
    }

    // MARK: Scanning

    private func failure(_ reason: TimeExpressionError.Reason) -> TimeExpressionError {
        TimeExpressionError(value: original, reason: reason)
    }

    private var remainder: String {
        String(decoding: bytes[min(index, bytes.count)...], as: UTF8.self)
    }

    private func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func peekDigits(from start: Int? = nil) -> Int {
        var position = start ?? index
        while let value = byte(at: position), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(value) { position += 1 }
        return position - (start ?? index)
    }

    private func text(_ start: Int, _ count: Int) -> String {
        String(decoding: bytes[start..<min(bytes.count, start + count)], as: UTF8.self)
    }

    /// Reads exactly `count` digits.
    private mutating func number(_ count: Int) -> Int? {
        guard peekDigits() >= count else { return nil }
        var value = 0
        for _ in 0..<count {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    /// Reads one to `max` digits.
    private mutating func number(max: Int) -> Int? {
        let available = peekDigits()
        guard available >= 1, available <= max else { return nil }
        return number(available)
    }

    private mutating func expect(_ character: Unicode.Scalar) -> Bool {
        guard byte(at: index) == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}

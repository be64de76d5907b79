import Foundation

/// Reads the times a model writes: relative (`30m`, `1h`, `24h`, `7d`, `2w`, meaning that long
/// before now), `now`, `today` (midnight UTC), or ISO 8601 (`2026-11-29T10:00:00Z`,
/// `2026-11-29T10:00:00+01:00`, `2026-11-29`).
enum TimeExpression {
    static let help = "use a relative time such as 30m, 1h, 24h, 7d or 2w, \"today\", or an ISO 8601 time such as 2026-11-29T08:00:00Z"

    static func parse(_ text: String, now: Date) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch trimmed {
        case "now": return now
        case "today":
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
            return calendar.startOfDay(for: now)
        default: break
        }
        if let seconds = relativeSeconds(trimmed) { return now.addingTimeInterval(-seconds) }
        return absolute(text.trimmingCharacters(in: .whitespaces))
    }

    /// `90s`, `15m`, `15min`, `1h`, `7d`, `2w`, optionally with a leading `-` or a trailing ` ago`.
    private static func relativeSeconds(_ text: String) -> Double? {
        var body = Substring(text)
        if body.hasPrefix("-") { body = body.dropFirst() }
        if body.hasSuffix(" ago") { body = body.dropLast(4) }
        let digits = body.prefix(while: { $0.isNumber })
        guard !digits.isEmpty, let amount = Double(digits) else { return nil }
        let unit = body.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let scale: Double
        switch unit {
        case "s", "sec", "secs", "second", "seconds": scale = 1
        case "m", "min", "mins", "minute", "minutes": scale = 60
        case "h", "hr", "hrs", "hour", "hours": scale = 3_600
        case "d", "day", "days": scale = 86_400
        case "w", "week", "weeks": scale = 604_800
        default: return nil
        }
        let seconds = amount * scale
        return seconds <= 366 * 86_400 * 10 ? seconds : nil
    }

    private static func absolute(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        // A time without a zone is read as UTC.
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.date(from: text)
    }
}

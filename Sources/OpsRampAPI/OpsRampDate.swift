import Foundation

/// Dates in the forms OpsRamp uses.
public enum OpsRampDate {
    /// For `startDate`/`endDate` in a queryString: `yyyy-MM-ddTHH:mm:ss 0000` in UTC.
    /// The zone is written with a space because `+` would start a new filter; this is the
    /// form OpsRamp's own documentation and working clients send.
    public static func queryValue(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d 0000",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// ISO 8601 in UTC (`2026-11-29T18:19:13Z`), for our own answers.
    public static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

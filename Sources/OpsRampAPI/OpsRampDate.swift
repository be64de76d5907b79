import Foundation

/// Dates in the forms OpsRamp uses.
public enum OpsRampDate {
    /// For `startDate`/`endDate` in a queryString: `yyyy-MM-ddTHH:mm:ss 0000` in UTC.
    /// The zone is written with a space because `+` would start a new filter; this is the
    /// form OpsRamp's own documentation and working clients send.
    public static func queryValue(_ date: Date) -> String {
        utc(date) + " 0000"
    }

    /// ISO 8601 in UTC (`2026-11-29T18:19:13Z`), for our own answers.
    ///
    /// Written from the C library's calendar fields rather than with a date formatter: a formatter
    /// loads ICU's locale and calendar data (some 2 MB resident) for what is fixed-width digits.
    public static func iso(_ date: Date) -> String {
        utc(date) + "Z"
    }

    /// `yyyy-MM-ddTHH:mm:ss` in UTC, whole seconds rounded down.
    static func utc(_ date: Date) -> String {
        var time = time_t(Int(date.timeIntervalSince1970.rounded(.down)))
        var parts = tm()
        gmtime_r(&time, &parts)
        return digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-" + digits(Int(parts.tm_mday), 2)
            + "T" + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2) + ":" + digits(Int(parts.tm_sec), 2)
    }

    /// `value` in decimal, zero-padded to `width`.
    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

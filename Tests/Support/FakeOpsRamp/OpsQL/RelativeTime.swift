import Foundation

/// OpsQL relative times such as `-60min`, `-7200sec`, `-1h`, `-1d` (reference §9).
enum RelativeTime {
    private static let unitSeconds: [String: Double] = [
        "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
        "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
        "d": 86_400, "day": 86_400, "days": 86_400,
        "w": 604_800, "week": 604_800, "weeks": 604_800,
    ]

    /// The moment `text` denotes relative to `now`, or `nil` when it is not a relative time.
    static func date(_ text: String, now: Date) -> Date? {
        guard let sign = text.first, sign == "-" || sign == "+" else { return nil }
        let rest = text.dropFirst()
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let amount = Double(digits),
            let unit = unitSeconds[rest.dropFirst(digits.count).lowercased()]
        else { return nil }
        return now.addingTimeInterval((sign == "-" ? -1 : 1) * amount * unit)
    }
}

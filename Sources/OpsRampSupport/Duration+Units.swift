extension Duration {
    /// The duration in seconds, for arithmetic with timeouts given in seconds.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// Whole milliseconds, for log lines.
    public var milliseconds: Int { Int(seconds * 1000) }
}

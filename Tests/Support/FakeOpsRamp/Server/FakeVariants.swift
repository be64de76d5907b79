/// Opt-in behaviours of the real API that the fake leaves off by default (reference §14), so that
/// tests can ask for OpsRamp as strict, or as odd, as it has been seen to be.
public struct FakeVariants: Sendable, Equatable {
    /// alerts/search answers 400 ("Invalid query key") when a statusHistory key (`closedBy`,
    /// `startAcknowledgedTime`, ...) is inside `queryString`; they belong in the `statusHistory` parameter (§6).
    public var rejectStatusHistoryKeysInQueryString = false
    /// alerts/search answers 400 for a `startDate` without `endDate` (or the reverse): no documented
    /// example or client sends one alone (§14.9).
    public var rejectUnpairedDates = false
    /// OpsQL counts without `groupBy` answer `{"count": N}`, the v7 form (§14.8), instead of `{"results":[{"count":N}]}`.
    public var opsqlCountAsObject = false
    /// OpsQL join queries (a dotted attribute) asking for a page larger than this are 400 (§14.7).
    public var opsqlJoinPageLimit: Int?
    /// resources/minimal reads the `resourceType` filter as the resource category (the object's `type`:
    /// DEVICE, ...) and `deviceType` as the operating system family (`resourceType`: Linux, ...), as §14.11
    /// describes; by default both filter on `resourceType`.
    public var resourceTypeIsCategory = false
    /// resources/minimal's paged envelope (`minimalResourcesAsEnvelope`) leaves out `totalResults` and
    /// `totalPages`, as some pods do: only `nextPage` says more exist.
    public var minimalEnvelopeWithoutTotal = false
    /// OpsRamp's per-client limit of paged searches a minute (§4), enforced: past this many alerts/search
    /// and paged resources/minimal requests in the last 60 s, the fake answers 429 (counted in
    /// `FakeOpsRamp.throttledCount`). `nil`: reported in the headers only, as by default.
    public var pagedSearchesPerMinute: Int?

    public init() {}

    /// Every strict behaviour at once.
    public static var strict: FakeVariants {
        var variants = FakeVariants()
        variants.rejectStatusHistoryKeysInQueryString = true
        variants.rejectUnpairedDates = true
        variants.opsqlJoinPageLimit = 100
        variants.resourceTypeIsCategory = true
        return variants
    }
}

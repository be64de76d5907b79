import OpsRampAPI
import Testing

@Suite("Alert vocabulary: OpsRamp's spellings, read in any case")
struct AlertVocabularyTests {
    @Test("each vocabulary keeps OpsRamp's exact spellings, in order")
    func spellings() {
        #expect(AlertState.spellings == ["Critical", "Warning", "Info", "Ok"])
        #expect(AlertPriority.spellings == ["P0", "P1", "P2", "P3", "P4", "P5"])
        #expect(AlertAction.spellings == ["OPEN", "ACKNOWLEDGED", "TICKETED", "CLOSED", "IGNORE", "SUPPRESSED", "PURGED", "CORRELATED"])
        #expect(AlertTimeBase.spellings == ["created", "updated"])
        #expect(AlertState.needingAttention + AlertState.quiet == AlertState.allCases)
    }

    @Test("a term is read in any case, with surrounding spaces; anything else is nil")
    func anyCase() {
        #expect(AlertState(anyCase: "critical") == .critical)
        #expect(AlertState(anyCase: " OK ") == .ok)
        #expect(AlertPriority(anyCase: "p3") == .p3)
        #expect(AlertAction(anyCase: "Acknowledged") == .acknowledged)
        #expect(AlertTimeBase(anyCase: "UPDATED") == .updated)
        #expect(AlertState(anyCase: "Crit") == nil)
        #expect(AlertPriority(anyCase: "P6") == nil)
        #expect(AlertAction(anyCase: "") == nil)
    }

    @Test("terms go into a queryString in OpsRamp's spelling")
    func queryString() throws {
        var query = QueryString()
        try query.add("states", [AlertState.critical, .warning])
        try query.add("actions", AlertAction.open)
        try query.add("priority", [AlertPriority.p0])
        #expect(query.description == "states:Critical,Warning+actions:OPEN+priority:P0")
    }
}

import OpsRampJSON
import OpsRampMCP
import Testing

@testable import OpsRampTools

@Suite("Result budget: hoisted lists sized in one pass")
struct ResultBudgetRowsTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(1, bound)))
        }
    }

    static let texts = ["Critical", "Warning", "host-1", "a \"quoted\" \\ value", "é😀 ünïcode", "line\nbreak", "", "P1", "\u{2028}"]

    static func rows(seed: UInt64, count: Int) -> [JSONValue] {
        var random = Generator(state: seed)
        let keys = ["uniqueId", "subject", "state", "priority", "resource", "count", "flag", "nested", "clé"]
        // Some fields keep one value in most rows, so that hoisting has something to do and stops partway.
        let shared: [String: JSONValue] = ["state": "Critical", "priority": "P1", "flag": true, "nested": ["a": [1, 2]]]
        return (0..<count).map { index in
            var row: [String: JSONValue] = ["uniqueId": .string("id-\(index)")]
            for key in keys.dropFirst() where random.next(4) > 0 {
                if let value = shared[key], random.next(20) > 0 {
                    row[key] = value
                } else {
                    switch random.next(5) {
                    case 0: row[key] = .string(texts[random.next(texts.count)])
                    case 1: row[key] = .int(random.next(100_000))
                    case 2: row[key] = .bool(random.next(2) == 0)
                    case 3: row[key] = .null
                    default: row[key] = ["deep": .string(texts[random.next(texts.count)])]
                    }
                }
            }
            return random.next(50) == 0 ? .object([:]) : .object(row)
        }
    }

    static func others(_ kept: Int, _ dropped: Int) -> [String: JSONValue] {
        var result: [String: JSONValue] = ["returned": .int(kept), "moreAvailable": .bool(dropped > 0)]
        if dropped > 0 { result["truncated"] = .string("\(dropped) left out") }
        return result
    }

    @Test("the same rows, common fields and bytes as trial encodings, for every cap", arguments: [UInt64(1), 2, 3, 4, 5])
    func sameAsTrialEncoding(seed: UInt64) {
        let compaction = RowCompaction(neverCommon: ["uniqueId"])
        for count in [0, 1, 2, 3, 17, 120] {
            let rows = Self.rows(seed: seed, count: count)
            for maxBytes in [10, 60, 200, 500, 1_000, 3_000, 10_000, 100_000] {
                let trial = ResultBudget.fit(rows, maxBytes: maxBytes) { kept, dropped in
                    var result = Self.others(kept.count, dropped)
                    let (common, hoisted) = compaction.hoist(kept)
                    result["rows"] = .array(hoisted)
                    if !common.isEmpty { result["common"] = .object(common) }
                    return result
                }
                let measured = ResultBudget.fitRows(rows, compaction: compaction, listKey: "rows", maxBytes: maxBytes) { kept, dropped in
                    Self.others(kept.count, dropped)
                }
                #expect(measured.encoded == trial.encoded, "seed \(seed), \(count) rows, cap \(maxBytes)")
                #expect(JSONValue.object(measured.data) == JSONValue.object(trial.data))
            }
        }
    }

    @Test("prefix sizes match the encoding of the hoisted prefix, rows added at once or page by page")
    func prefixSizes() {
        let compaction = RowCompaction(neverCommon: ["uniqueId"])
        let rows = Self.rows(seed: 9, count: 60)
        let whole = HoistedRowSizes(compaction: compaction, rows: rows)
        let paged = HoistedRowSizes(compaction: compaction)
        for end in stride(from: 7, through: 63, by: 7) { paged.catchUp(with: Array(rows.prefix(end))) }
        for count in 0...rows.count {
            let (common, hoisted) = compaction.hoist(Array(rows.prefix(count)))
            let expected = (JSONWriter.bytes(.array(hoisted)).count, common.isEmpty ? nil : JSONWriter.bytes(.object(common)).count)
            #expect(whole.sizes(first: count) == expected, "first \(count)")
            #expect(paged.sizes(first: count) == expected, "first \(count), paged")
        }
        #expect(whole.isOver(100) && !whole.isOver(1_000_000))
    }
}

import Foundation
import OpsRampJSON
import Testing

@testable import FakeOpsRamp

@Suite("Fake OpsRamp: OpsQL filterCriteria evaluation")
struct FilterTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z
    let object: JSONValue = [
        "name": "ec2-api-01", "make": "AWS", "state": "active", "cpu": 42, "agentInstalled": true,
        "createdDate": "2025-12-31T23:30:00+0000",
        "tags": [["name": "env", "value": "prod"], ["name": "cloud", "value": "aws"]],
    ]

    func matches(_ filter: String) throws -> Bool {
        let expression = try FilterParser.parse(filter)
        let evaluator = FilterEvaluator(now: now) { $0.value(atPath: $1) }
        return evaluator.matches(expression, object)
    }

    @Test(
        "comparison operators, case-insensitive text, quoting styles",
        arguments: [
            ("make = 'aws'", true), ("make = \"AWS\"", true), ("make=AWS", true), ("make != AWS", false),
            ("name CONTAINS 'API'", true), ("name STARTS WITH 'ec2-'", true), ("name starts with 'web'", false),
            ("name LIKE 'ec2-%-01'", true), ("name LIKE 'ec2_api%'", true), ("name NOT LIKE '%api%'", false),
            ("cpu > 40", true), ("cpu < 40", false), ("cpu >= 42", true), ("agentInstalled = \"true\"", true),
            ("model IS NULL", true), ("make IS NOT NULL", true), ("state IN ('inactive', 'ACTIVE')", true),
            ("state NOT IN (active)", false), ("tags.value = 'prod'", true), ("tags.name = 'team'", false),
        ])
    func operators(filter: String, expected: Bool) throws {
        #expect(try matches(filter) == expected)
    }

    @Test(
        "relative and absolute times compare against dates",
        arguments: [
            ("createdDate > '-60min'", true), ("createdDate > \"-1900sec\"", true), ("createdDate > \"-1800sec\"", false),
            ("createdDate > '-10min'", false),
            ("createdDate < '-1h'", false), ("createdDate > '-1d'", true), ("createdDate > '2025-12-31T00:00:00Z'", true),
        ])
    func times(filter: String, expected: Bool) throws {
        #expect(try matches(filter) == expected)
    }

    @Test("AND binds tighter than OR; parentheses override")
    func precedence() throws {
        #expect(try matches("make = AWS OR make = Azure AND state = inactive"))
        #expect(try !matches("(make = AWS OR make = Azure) AND state = inactive"))
    }

    @Test(
        "malformed filters are syntax errors",
        arguments: [
            "make =", "make AWS", "(make = AWS", "make = 'AWS", "AND make = AWS", "make = AWS extra", "make ! AWS",
            "make IN AWS", "make IS EMPTY",
        ])
    func syntaxErrors(filter: String) {
        #expect(throws: FilterSyntaxError.self) { _ = try FilterParser.parse(filter) }
    }

    @Test("an empty filter matches everything")
    func emptyFilter() throws {
        #expect(try FilterParser.parse("   ") == nil)
        #expect(try matches(""))
    }

    @Test(
        "dates parse in every accepted form and format as OpsRamp does",
        arguments: [
            "2026-01-01T00:00:00+0000", "2026-01-01T00:00:00 0000", "2026-01-01T00:00:00Z",
            "2026-01-01T01:00:00+01:00", "2025-12-31T19:00:00-0500", "2026-01-01T00:00:00.000Z",
        ])
    func dates(text: String) {
        #expect(FakeDate.parse(text) == now)
        #expect(FakeDate.format(now) == "2026-01-01T00:00:00+0000")
    }

    @Test(
        "dates without a zone or with impossible fields are rejected",
        arguments: [
            "2026-01-01T00:00:00", "2026-02-30T00:00:00Z", "2026-01-01 00:00:00Z", "yesterday",
        ])
    func badDates(text: String) {
        #expect(FakeDate.parse(text) == nil)
    }
}

import OpsRampJSON
import OpsRampMCP
import Testing

@testable import OpsRampTools

@Suite("Forgiving resource matching")
struct ResourceMatchTests {
    @Test(
        "a type in plain words becomes the words to look for",
        arguments: [
            ("EC2", ["EC2"]),
            ("ec2", ["ec2"]),
            ("AWS EC2", ["AWS", "EC2"]),
            ("all our AWS EC2 instances", ["AWS", "EC2", "instance"]),
            ("Linux servers", ["Linux", "server"]),
            ("network switches", ["network", "switch"]),
            ("Windows", ["Window"]),
            ("Azure VMs", ["Azure", "virtual machine"]),
            ("aws, AWS / ec2 (EC2)", ["aws", "ec2"]),
        ])
    func words(_ type: String, expected: [String]) throws {
        #expect(try ResourceMatch.words(of: type) == expected)
    }

    @Test("a type of filler words only, or a value with quotes, is refused with what to do")
    func refused() {
        #expect(throws: ToolFailure.self) { try ResourceMatch.words(of: "all of our") }
        #expect(throws: ToolFailure.self) { try ResourceMatch.checked("web\" OR name CONTAINS \"", argument: "host_name") }
    }

    @Test("every word must match one type attribute, in any of its spellings; name, address, state and agent narrow it")
    func filter() {
        let match = ResourceMatch(typeWords: ["AWS", "ec2"], name: "api", ipAddress: "172.31", state: "active", agentInstalled: true)
        let filter = match.filterCriteria ?? ""
        let clauses = filter.components(separatedBy: " AND ")
        #expect(clauses.count == 6)
        #expect(clauses[0].hasPrefix("(make CONTAINS \"AWS\" OR nativeType CONTAINS \"AWS\""))
        #expect(clauses[0].contains("osType CONTAINS \"aws\"") && clauses[0].contains("os CONTAINS \"Aws\""))
        #expect(clauses[1].contains("nativeType CONTAINS \"EC2\"") && clauses[1].contains("make CONTAINS \"ec2\""))
        #expect(clauses[2].contains("dnsName CONTAINS \"api\"") && clauses[2].contains("aliasName CONTAINS \"API\""))
        #expect(clauses[3] == "ipAddress CONTAINS \"172.31\"")
        #expect(clauses[4] == "state = \"active\"")
        #expect(clauses[5] == "agentInstalled = \"true\"")
        #expect(ResourceMatch().filterCriteria == nil)
    }
}

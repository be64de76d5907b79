import Testing

@testable import OpsRampTools

@Suite("A resource type in plain words")
struct ResourceTypeWordsTests {
    @Test(
        "generic words (servers, instances, hosts, VMs, status) do not narrow the set; alone, they are the words",
        arguments: [
            ("EC2 servers", ["EC2"], ["server"]),
            ("status of our AWS EC2 instances", ["AWS", "EC2"], ["instance"]),
            ("Linux hosts", ["Linux"], ["host"]),
            ("Azure VMs", ["Azure"], ["virtual machine"]),
            ("network devices", ["network"], ["device"]),
            ("Windows machines", ["Window"], ["machine"]),
            ("servers", ["server"], []),
            ("MS SQL nodes", ["Microsoft", "SQL"], ["node"]),
        ])
    func generic(_ type: String, distinctive: [String], generic: [String]) throws {
        let words = try ResourceTypeWords(type)
        #expect(words.distinctive == distinctive)
        #expect(words.generic == generic)
    }

    @Test("vendor names match their other spellings: Amazon and AWS, Google and GCP; Microsoft covers Azure")
    func synonyms() {
        #expect(ResourceTypeWords.alternatives(of: "Amazon") == ["Amazon", "AWS"])
        #expect(ResourceTypeWords.alternatives(of: "aws") == ["aws", "Amazon"])
        #expect(ResourceTypeWords.alternatives(of: "GCP") == ["GCP", "Google"])
        #expect(ResourceTypeWords.alternatives(of: "Microsoft") == ["Microsoft", "Azure"])
        #expect(ResourceTypeWords.alternatives(of: "Azure") == ["Azure"])
        #expect(ResourceTypeWords.alternatives(of: "EC2") == ["EC2"])
    }

    @Test("the filter looks for every word in any of its spellings, or (to count partial matches) for any word")
    func filter() throws {
        let words = try ResourceTypeWords("Amazon EC2 instances")
        let every = ResourceMatch(typeWords: words.distinctive)
        let clauses = try #require(every.filterCriteria).components(separatedBy: " AND ")
        #expect(clauses.count == 2)
        #expect(clauses[0].contains("os CONTAINS \"Amazon\"") && clauses[0].contains("make CONTAINS \"AWS\""))
        #expect(!clauses[0].contains("EC2") && clauses[1].contains("nativeType CONTAINS \"EC2\""))
        #expect(!every.filterCriteria!.contains("nstance"))
        var any = every
        any.anyWord = true
        let either = try #require(any.filterCriteria)
        #expect(!either.contains(" AND ") && either.contains("make CONTAINS \"AWS\"") && either.contains("nativeType CONTAINS \"EC2\""))
    }

    @Test("the answer says how the type was matched, synonyms and left-out words included")
    func explanation() throws {
        let text = try ResourceTypeWords("Amazon EC2 servers").explanation
        #expect(text.contains("Amazon (or AWS)") && text.contains("EC2") && text.contains("left out") && text.contains("server"))
        #expect(!(try ResourceTypeWords("EC2").explanation.contains("left out")))
    }
}

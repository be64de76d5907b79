import OpsRampMCP

/// A type in plain words ("all our Amazon EC2 instances"), read for matching: the distinctive words,
/// which must each match, and the generic words ("servers", "instances", "hosts") that name no kind
/// and so must not narrow the set: "EC2 servers" is every EC2 instance, not those whose OS is a
/// Windows Server. Vendor names match their other spellings (Amazon and AWS, Google and GCP).
struct ResourceTypeWords: Sendable, Equatable {
    /// Words that must each match, normalised (see `ResourceMatch.words(of:)`).
    let distinctive: [String]
    /// Words left out of the match because they name no kind of resource.
    let generic: [String]

    /// Singular, lower-case words that say "a resource" without saying which kind.
    static let genericWords: Set<String> = [
        "server", "instance", "machine", "host", "device", "node", "box", "resource", "virtual machine",
    ]

    /// Other names OpsRamp may give what a word names, by the word in lower case. "Microsoft" covers
    /// Azure (Microsoft's cloud); "Azure" does not cover every Microsoft product, so not the reverse.
    static let synonyms: [String: [String]] = [
        "aws": ["Amazon"], "amazon": ["AWS"],
        "gcp": ["Google"], "google": ["GCP"],
        "microsoft": ["Azure"],
    ]

    /// Abbreviations too short to look for as they are ("MS" is inside "systems"), replaced by the name.
    static let abbreviations: [String: String] = ["ms": "Microsoft"]

    init(_ type: String) throws {
        let words = try ResourceMatch.words(of: type).map { Self.abbreviations[$0.lowercased()] ?? $0 }
        let generic = words.filter { Self.genericWords.contains($0.lowercased()) }
        let distinctive = words.filter { !Self.genericWords.contains($0.lowercased()) }
        // A type of generic words only ("servers", "VMs") is matched by those words after all.
        self.distinctive = distinctive.isEmpty ? generic : distinctive
        self.generic = distinctive.isEmpty ? [] : generic
    }

    /// `word` and its synonyms, `word` first.
    static func alternatives(of word: String) -> [String] {
        [word] + (synonyms[word.lowercased()] ?? []).filter { $0.lowercased() != word.lowercased() }
    }

    /// How the type was matched, for the answer: the words with their synonyms, the attributes, the
    /// generic words left out.
    var explanation: String {
        let words = distinctive.map { word in
            let others = Self.alternatives(of: word).dropFirst()
            return others.isEmpty ? word : "\(word) (or \(others.joined(separator: " or ")))"
        }
        let every = distinctive.count == 1 ? "the word" : "every word of"
        var text = "\(every) \(words.joined(separator: ", ")) in make, nativeType, type, os or osType, in any case"
        if !generic.isEmpty { text += "; left out as naming no kind of resource: \(generic.joined(separator: ", "))" }
        return text
    }
}

import Foundation
import OpsRampJSON

/// OpsRamp's published response examples and one real capture, read from
/// `../shared/reference/samples/` beside the repository (they are not copied into it).
/// `OPSRAMP_SAMPLES_DIR` points elsewhere. Tests that use them are enabled only when the folder exists.
public enum PublishedSamples {
    /// Every sample the tests know; a file in the folder that is not here fails the inventory test,
    /// so a new sample cannot go untested.
    public static let knownFiles: Set<String> = [
        "alert_get_spec_example-1.json", "alert_get_spec_example-inference.json", "alert_get_spec_example-raw.json",
        "alerts_search_spec_example.json", "error_400_validation_spec.json", "error_500_0003_spec.json",
        "error_token_401_spec.json", "resources_minimal_spec_dns-example.json", "resources_minimal_spec_example-1.json",
        "resources_search_ormcp_real_2025.json", "token_spec_example.json",
    ]

    /// The samples folder, when it exists.
    public static let directory: URL? = {
        let candidates = [
            ProcessInfo.processInfo.environment["OPSRAMP_SAMPLES_DIR"].map { URL(fileURLWithPath: $0) },
            repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/samples"),
        ]
        return candidates.compactMap { $0 }.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }()

    public static var isAvailable: Bool { directory != nil }

    /// The JSON files in the folder.
    public static func fileNames() throws -> Set<String> {
        guard let directory else { return [] }
        return Set(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") })
    }

    public static func text(_ name: String) throws -> String {
        guard let directory else { throw CocoaError(.fileNoSuchFile) }
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    public static func json(_ name: String) throws -> JSONValue {
        try JSONParser.parse(text(name))
    }

    /// The repository root: the first folder holding `Tests/Support/FakeOpsRamp` above the test binary or the
    /// working directory. (Not `#filePath`: this module is linked into the server for `--demo`, and a build
    /// path baked into the shipped binary would say where it was built and make builds differ by folder.)
    private static let repositoryRoot: URL = {
        let starts = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath(),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        ]
        for start in starts {
            var url = start
            while url.path != "/" {
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("Tests/Support/FakeOpsRamp").path) { return url }
                url.deleteLastPathComponent()
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()
}

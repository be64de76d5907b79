// swift-tools-version:6.0
// The OpsRamp MCP server: one executable, internal modules, no package dependencies.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

// Release builds on Linux link the functions that start-up, a tool call and a get_alerts answer run
// first and together (scripts/link-order.txt, made by scripts/link-order.sh; lld places each function
// by its own section). The kernel maps 64 KB around each first touch of the binary, so scattered, those
// few functions made all of it resident (2 MB at idle, 1 MB in order); the demo's fake stays on disk.
let ordered: [SwiftSetting] = strict + [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release))]
let orderedC: [CSetting] = [.unsafeFlags(["-ffunction-sections"], .when(platforms: [.linux], configuration: .release))]
let linkOrder: [String] = ["-use-ld=lld", "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/link-order.txt",
                           "-Xlinker", "--no-warn-symbol-ordering"]

let package = Package(
    name: "opsramp-mcp-server",
    // macOS 15 is the first with the Swift 6 runtime's Synchronization module (Mutex, Atomic), which the
    // server and its tests use for shared state; Linux is where it is built and tested (see README).
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "opsramp-mcp-server", targets: ["opsramp-mcp-server"]),
        // Not an API for other packages: it lets scripts/check-module-names.sh link the server's modules
        // into a package that also depends on swift-log, swift-configuration and the MCP Swift SDK.
        .library(name: "OpsRampMCPModules", targets: ["OpsRampTools"]),
    ],
    targets: [
        // Wiring only: command line, configuration, and the hand-off to the MCP server. FakeOpsRamp is
        // linked for --demo, which serves its demo tenant on 127.0.0.1 in-process (see Demo/DemoTenant.swift).
        .executableTarget(
            name: "opsramp-mcp-server",
            dependencies: ["MCP", "Configuration", "Logging", "HTTP", "OpsRampAuth", "OpsRampAPI", "OpsRampTools", "CurlSocketWorkaround",
                           "OpsRampBuildInfo", "FakeOpsRamp"],
            swiftSettings: ordered,
            // Lets the curl shims' curl_multi_setopt, curl_multi_add_handle, curl_easy_setopt and URL-handle
            // functions take precedence over libcurl's (see those files).
            linkerSettings: [.unsafeFlags(linkOrder, .when(platforms: [.linux], configuration: .release)),
                             .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=curl_multi_setopt",
                                           "-Xlinker", "--export-dynamic-symbol=curl_multi_add_handle",
                                           "-Xlinker", "--export-dynamic-symbol=curl_easy_setopt",
                                           "-Xlinker", "--export-dynamic-symbol=curl_url", "-Xlinker", "--export-dynamic-symbol=curl_url_dup",
                                           "-Xlinker", "--export-dynamic-symbol=curl_url_cleanup", "-Xlinker", "--export-dynamic-symbol=curl_free"],
                                          .when(platforms: [.linux]))]
        ),
        // The commit and build date that scripts/release.sh stamps into the binary.
        .target(name: "OpsRampBuildInfo"),
        // Works around corelibs URLSession on Linux: a CPU core kept busy while a request waits, and
        // compressed answers inflated before the size cap can see them.
        .target(name: "CurlSocketWorkaround", cSettings: orderedC, linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Hands OPSRAMP_CA_BUNDLE to libcurl, which corelibs URLSession offers no setting for.
        .target(name: "CurlCertificateAuthority", cSettings: orderedC, linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // JSON values, a strict parser and a compact writer.
        .target(name: "JSON", swiftSettings: ordered),
        // Leveled logging to stderr (and an optional file) with secret redaction.
        .target(name: "Logging", swiftSettings: ordered),
        // Settings from the environment and an optional .env file.
        .target(name: "Configuration", dependencies: ["Logging"], swiftSettings: ordered),
        // JSON-RPC 2.0 and MCP: messages, revisions, dispatcher, stdio transport.
        .target(name: "MCP", dependencies: ["JSON", "Logging"], swiftSettings: ordered),
        // HTTP transport on URLSession: timeouts, body cap, cancellation, typed transport errors.
        .target(name: "HTTP", dependencies: ["Logging", "CurlCertificateAuthority"], swiftSettings: ordered),
        // OAuth 2.0 client-credentials token cache.
        .target(name: "OpsRampAuth", dependencies: ["JSON", "Logging", "Configuration", "HTTP"], swiftSettings: ordered),
        // The OpsRamp REST API client: endpoints, queryString encoding, retries, API errors.
        .target(name: "OpsRampAPI", dependencies: ["JSON", "Logging", "Configuration", "HTTP", "OpsRampAuth"], swiftSettings: ordered),
        // The tools, resources and prompts the server offers.
        .target(name: "OpsRampTools", dependencies: ["JSON", "MCP", "Logging", "Configuration", "OpsRampAPI"], swiftSettings: ordered),

        // Tests: unit tests per module, and process-level tests that drive the built binary.
        .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: strict),
        .testTarget(name: "LoggingTests", dependencies: ["Logging"], swiftSettings: strict),
        .testTarget(name: "MCPTests", dependencies: ["MCP", "JSON", "Logging"], swiftSettings: strict),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "Logging"], swiftSettings: strict),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Logging", "FakeOpsRamp"], swiftSettings: strict),
        .testTarget(name: "OpsRampAuthTests", dependencies: ["OpsRampAuth", "HTTP", "Logging", "JSON"], swiftSettings: strict),
        .testTarget(name: "OpsRampAPITests", dependencies: ["OpsRampAPI", "OpsRampAuth", "HTTP", "Configuration", "Logging", "JSON", "FakeOpsRamp"], swiftSettings: strict),
        .testTarget(name: "OpsRampToolsTests", dependencies: ["OpsRampTools", "OpsRampAPI", "MCP", "Configuration", "Logging", "JSON", "FakeOpsRamp"], swiftSettings: strict),
        .testTarget(name: "ServerTests", dependencies: ["JSON", "Configuration", "FakeOpsRamp", "TestChildProcess"], swiftSettings: strict),
        // A fake OpsRamp API on 127.0.0.1: the tests' OpsRamp, and the demo tenant of --demo. It stays with the
        // tests it was written for; the binary runs it only under --demo.
        .target(name: "FakeOpsRamp", dependencies: ["JSON"], path: "Tests/Support/FakeOpsRamp", swiftSettings: strict),
        .testTarget(name: "FakeOpsRampTests", dependencies: ["FakeOpsRamp", "JSON", "TestChildProcess"], swiftSettings: strict),
        // The one way the tests start a program: posix_spawn, pipes, waitpid, deadlines.
        .target(name: "TestChildProcess", path: "Tests/Support/TestChildProcess", swiftSettings: strict),
    ]
)

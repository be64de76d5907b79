// swift-tools-version:6.0
// The OpsRamp MCP server: one executable, internal modules, no package dependencies.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

// Release builds on Linux link the functions that start-up, a tool call and a get_alerts answer run
// first and together (scripts/link-order.txt, made by scripts/link-order.sh; lld places each function
// by its own section). The kernel maps 64 KB around each first touch of the binary, so scattered, those
// few functions made all of it resident (2 MB at idle, 1 MB in order); the demo's fake stays on disk.
// The list also names the Swift runtime's, Foundation's and Dispatch's functions those runs call, which
// the static build (--static-swift-stdlib) links from the toolchain's archives: 22.1 -> 19.8 MB at idle.
let ordered: [SwiftSetting] = strict + [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release))]
let orderedC: [CSetting] = [.unsafeFlags(["-ffunction-sections"], .when(platforms: [.linux], configuration: .release))]
let linkOrder: [String] = [
    "-use-ld=lld", "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/scripts/link-order.txt",
    "-Xlinker", "--no-warn-symbol-ordering",
]

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
            dependencies: [
                "OpsRampMCP", "OpsRampConfiguration", "OpsRampLogging", "OpsRampSecrets", "OpsRampSupport", "OpsRampJSON",
                "OpsRampHTTP", "OpsRampAuth", "OpsRampAPI", "OpsRampTools", "CurlSocketWorkaround", "OpsRampBuildInfo",
                "FakeOpsRamp",
            ],
            swiftSettings: ordered,
            // Lets the curl shims' curl_multi_setopt, curl_multi_add_handle, curl_easy_setopt and URL-handle
            // functions take precedence over libcurl's (see those files).
            linkerSettings: [
                .unsafeFlags(linkOrder, .when(platforms: [.linux], configuration: .release)),
                .unsafeFlags(
                    [
                        "-Xlinker", "--export-dynamic-symbol=curl_multi_setopt",
                        "-Xlinker", "--export-dynamic-symbol=curl_multi_add_handle",
                        "-Xlinker", "--export-dynamic-symbol=curl_easy_setopt",
                        "-Xlinker", "--export-dynamic-symbol=curl_url", "-Xlinker", "--export-dynamic-symbol=curl_url_dup",
                        "-Xlinker", "--export-dynamic-symbol=curl_url_cleanup", "-Xlinker", "--export-dynamic-symbol=curl_free",
                    ],
                    .when(platforms: [.linux])),
            ]
        ),
        // The commit and build date that scripts/release.sh stamps into the binary.
        .target(name: "OpsRampBuildInfo"),
        // Works around corelibs URLSession on Linux: a CPU core kept busy while a request waits, and
        // compressed answers inflated before the size cap can see them.
        .target(name: "CurlSocketWorkaround", cSettings: orderedC, linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Hands OPSRAMP_CA_BUNDLE to libcurl, which corelibs URLSession offers no setting for.
        .target(name: "CurlCertificateAuthority", cSettings: orderedC, linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Leaf modules shared by everything above them.
        // Small shared pieces: the whole-buffer descriptor writer (stdout, stderr, the log file),
        // Duration in seconds and milliseconds, and the UserFacingError protocol tool failures are made from.
        .target(name: "OpsRampSupport", swiftSettings: ordered),
        // Secret (prints as <redacted>), the one redactor every output path uses, and redacted excerpts.
        .target(name: "OpsRampSecrets", swiftSettings: ordered),
        // JSON values, a strict parser and a compact writer.
        .target(name: "OpsRampJSON", swiftSettings: ordered),
        // Leveled logging to stderr (and an optional file); every line passes the secret redactor.
        .target(name: "OpsRampLogging", dependencies: ["OpsRampSecrets", "OpsRampSupport"], swiftSettings: ordered),
        // Settings from the environment and an optional .env file.
        .target(name: "OpsRampConfiguration", dependencies: ["OpsRampLogging", "OpsRampSecrets"], swiftSettings: ordered),
        // JSON-RPC 2.0 and MCP: messages, revisions, dispatcher, stdio transport. Knows nothing of OpsRamp.
        .target(
            name: "OpsRampMCP", dependencies: ["OpsRampJSON", "OpsRampLogging", "OpsRampSecrets", "OpsRampSupport"],
            swiftSettings: ordered),
        // HTTP transport on URLSession: timeouts, body cap, cancellation, typed transport errors. Knows nothing of MCP.
        .target(
            name: "OpsRampHTTP", dependencies: ["OpsRampSecrets", "OpsRampSupport", "CurlCertificateAuthority"],
            swiftSettings: ordered),
        // OAuth 2.0 client-credentials token cache.
        .target(
            name: "OpsRampAuth",
            dependencies: [
                "OpsRampJSON", "OpsRampLogging", "OpsRampSecrets", "OpsRampSupport",
                "OpsRampConfiguration", "OpsRampHTTP",
            ], swiftSettings: ordered),
        // The OpsRamp REST API client: endpoints, queryString encoding, retries, API errors.
        .target(
            name: "OpsRampAPI",
            dependencies: [
                "OpsRampJSON", "OpsRampLogging", "OpsRampSecrets", "OpsRampSupport",
                "OpsRampConfiguration", "OpsRampHTTP", "OpsRampAuth",
            ], swiftSettings: ordered),
        // The tools, resources and prompts the server offers.
        .target(
            name: "OpsRampTools",
            dependencies: [
                "OpsRampJSON", "OpsRampMCP", "OpsRampSecrets", "OpsRampSupport",
                "OpsRampConfiguration", "OpsRampAPI",
            ], swiftSettings: ordered),

        // Tests: unit tests per module, and process-level tests that drive the built binary.
        .testTarget(name: "OpsRampJSONTests", dependencies: ["OpsRampJSON"], swiftSettings: strict),
        .testTarget(name: "OpsRampSecretsTests", dependencies: ["OpsRampSecrets"], swiftSettings: strict),
        .testTarget(name: "OpsRampLoggingTests", dependencies: ["OpsRampLogging", "OpsRampSecrets"], swiftSettings: strict),
        .testTarget(name: "OpsRampMCPTests", dependencies: ["OpsRampMCP", "OpsRampJSON", "OpsRampLogging"], swiftSettings: strict),
        .testTarget(
            name: "OpsRampConfigurationTests", dependencies: ["OpsRampConfiguration", "OpsRampLogging", "OpsRampSecrets"], swiftSettings: strict),
        .testTarget(name: "OpsRampHTTPTests", dependencies: ["OpsRampHTTP", "FakeOpsRamp"], swiftSettings: strict),
        .testTarget(
            name: "OpsRampAuthTests",
            dependencies: [
                "OpsRampAuth", "OpsRampHTTP", "OpsRampJSON", "OpsRampLogging", "OpsRampSecrets",
                "OpsRampSupport",
            ], swiftSettings: strict),
        .testTarget(
            name: "OpsRampAPITests",
            dependencies: [
                "OpsRampAPI", "OpsRampAuth", "OpsRampHTTP", "OpsRampConfiguration", "OpsRampJSON",
                "OpsRampLogging", "OpsRampSecrets", "OpsRampSupport", "FakeOpsRamp",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "OpsRampToolsTests",
            dependencies: [
                "OpsRampTools", "OpsRampAPI", "OpsRampMCP", "OpsRampConfiguration", "OpsRampJSON",
                "OpsRampLogging", "OpsRampSupport", "FakeOpsRamp",
            ], swiftSettings: strict),
        .testTarget(
            name: "ServerTests", dependencies: ["OpsRampJSON", "OpsRampConfiguration", "FakeOpsRamp", "TestChildProcess"],
            swiftSettings: strict),
        // A fake OpsRamp API on 127.0.0.1: the tests' OpsRamp, and the demo tenant of --demo. It stays with the
        // tests it was written for; the binary runs it only under --demo.
        .target(name: "FakeOpsRamp", dependencies: ["OpsRampJSON"], path: "Tests/Support/FakeOpsRamp", swiftSettings: strict),
        .testTarget(name: "FakeOpsRampTests", dependencies: ["FakeOpsRamp", "OpsRampJSON", "TestChildProcess"], swiftSettings: strict),
        // The one way the tests start a program: posix_spawn, pipes, waitpid, deadlines.
        .target(name: "TestChildProcess", path: "Tests/Support/TestChildProcess", swiftSettings: strict),
    ]
)

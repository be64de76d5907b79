import CurlSocketWorkaround
import Dispatch
import Foundation
import OpsRampLogging
import OpsRampMCP
import OpsRampSecrets
import OpsRampTools

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry point: parse the command line, assemble the server, serve stdio until the input ends.
@main
struct Main {
    static func main() async {
        // A host that closes our stdout must produce EPIPE, not kill us mid-write.
        signal(SIGPIPE, SIG_IGN)
        MemoryTuning.limitMallocArenas()

        let options: CommandLineOptions
        do {
            options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            fail("\(error.message)\nRun \(ServerVersion.name) --help for usage.")
        }

        switch options.mode {
        case .help:
            print(HelpText.text)
            return
        case .version:
            print(ServerVersion.versionLine)
            return
        default:
            break
        }

        var demo: DemoTenant?
        if options.demo, options.mode == .serve || options.mode == .check {
            DemoTenant.bypassProxies()
            do {
                demo = try DemoTenant.start()
            } catch {
                fail("--demo: cannot start the demo tenant on 127.0.0.1: \(error)")
            }
        }

        let assembly: ServerAssembly
        do {
            assembly = try ServerAssembly(options: options, demo: demo)
        } catch ServerAssembly.Failure.usage(let message) {
            fail(message)
        } catch {
            fail("\(error)")
        }

        switch options.mode {
        case .listTools:
            listTools(assembly)
            assembly.logBackend.flush(timeout: .seconds(1))
        case .printHostConfig(let host):
            printHostConfig(host, options: options, assembly: assembly)
            assembly.logBackend.flush(timeout: .seconds(1))
        case .check:
            let passed = await ConnectionCheck(assembly: assembly).run()
            assembly.logBackend.flush(timeout: .seconds(1))
            exit(passed ? 0 : 1)
        default:
            await serve(assembly)
        }
    }

    /// Serves MCP on stdin/stdout. Returns (and the process exits 0) when stdin ends.
    static func serve(_ assembly: ServerAssembly) async {
        assembly.logStartup()
        let logger = Logger(label: "mcp", backend: assembly.logBackend)
        let options = ServerOptions(
            maximumResultBytes: assembly.configuration.maxResultBytes,
            beforeToolCall: MemoryTuning.beforeToolCall, afterToolCall: MemoryTuning.afterToolCall)
        let flow = FlowControl()
        let writer = StdoutWriter(
            flow: flow,
            onClosed: {
                logger.notice("stdout closed by the host; exiting")
                logger.backend.flush(timeout: .milliseconds(500))
                exit(0)
            })
        let server = MCPServer(
            identity: assembly.identity,
            catalog: ServerCatalog(
                tools: assembly.registry,
                resources: OpsRampResources.catalog(assembly.names),
                prompts: OpsRampPrompts.all(names: assembly.names)),
            options: options,
            logger: logger,
            sink: writer,
            flow: flow)
        let signals = SignalHandlers(writer: writer, logger: logger)
        signals.install()

        await server.serve(StdinReader.lines(maximumLineBytes: options.maximumMessageBytes, flow: flow))
        withExtendedLifetime(signals) {}
        writer.flush(timeout: .seconds(1))
        logger.debug(
            "URLSession socket workaround \(opsramp_curl_socket_workaround_enabled() == 1 ? "on" : "off"), "
                + "applied \(opsramp_curl_socket_workaround_count()) time(s); "
                + "content decoding kept off \(opsramp_curl_decoding_disabled_count()) time(s); "
                + "URL handles released in full \(opsramp_curl_url_handles_repaired_count()) time(s)")
        logger.info("input closed; exiting")
        logger.backend.flush(timeout: .seconds(1))
        exit(0)
    }

    /// One line per tool: its name and the first sentence of its description. Selection
    /// problems go to stderr; a selection that leaves no tools exits 1.
    static func listTools(_ assembly: ServerAssembly) {
        for warning in assembly.selectionWarnings {
            FileHandle.standardError.write(Data("\(ServerVersion.name): warning: \(warning)\n".utf8))
        }
        for tool in assembly.registry.tools {
            print("\(tool.name): \(firstSentence(of: tool.description))")
        }
        if assembly.registry.tools.isEmpty { exit(1) }
    }

    static func firstSentence(of text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        var searched = flat.startIndex..<flat.endIndex
        // "e.g. " and "i.e. " end no sentence.
        while let end = flat.range(of: ". ", range: searched) {
            let before = flat[..<end.lowerBound]
            if before.hasSuffix("e.g") || before.hasSuffix("i.e") {
                searched = end.upperBound..<flat.endIndex
                continue
            }
            return String(before) + "."
        }
        return flat
    }

    /// The snippet on stdout (through the redactor, though it holds no secret by construction), notes on stderr.
    static func printHostConfig(_ host: HostKind, options: CommandLineOptions, assembly: ServerAssembly) {
        guard let executable = ExecutablePath.current else {
            fail("cannot tell where this binary is; run it by its absolute path")
        }
        let config = HostConfig(
            host: host, executable: executable, options: options, configuration: assembly.configuration,
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
        print(SecretRedactor.shared.redact(config.snippet.rendered()))
        let notes = config.notes.map { SecretRedactor.shared.redact($0) }.joined(separator: "\n")
        FileHandle.standardError.write(Data((notes + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("\(ServerVersion.name): \(SecretRedactor.shared.redact(message))\n".utf8))
        exit(2)
    }
}

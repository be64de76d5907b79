import OpsRampJSON
import OpsRampLogging
import OpsRampSecrets

/// The dispatcher: reads classified messages, applies JSON-RPC and MCP lifecycle rules,
/// routes methods to handlers, runs tool calls concurrently and writes every answer to the sink.
///
/// Messages are taken in order, one at a time, so state changes such as `initialize` take
/// effect before the next line is read; requests that do real work (tool calls) then run in
/// their own tasks, so a slow call never holds up `ping` or `tools/list`.
public actor MCPServer {
    let identity: ServerIdentity
    let catalog: ServerCatalog
    let options: ServerOptions
    let logger: Logger
    let sink: MessageSink
    let clientLog: ClientLogForwarder
    /// Backpressure shared with the stdio transport; `nil` when the caller does not need it.
    let flow: FlowControl?

    var state: SessionState = .awaitingInitialize
    /// Requests still running, by id, for `notifications/cancelled` and shutdown. The number tells
    /// apart two requests that (against the rules) share an id, so one ending does not forget the other.
    var inFlight: [RequestID: (number: Int, task: Task<JSONValue?, Never>)] = [:]
    var requestCounter = 0
    /// Batches whose combined answer has not been written yet.
    var pendingBatches = 0
    /// Callers of `waitUntilIdle` (shutdown), resumed when the last request or batch ends.
    var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(
        identity: ServerIdentity, catalog: ServerCatalog, options: ServerOptions = ServerOptions(), logger: Logger,
        sink: MessageSink, flow: FlowControl? = nil
    ) {
        self.identity = identity
        self.catalog = catalog
        self.options = options
        self.logger = logger
        self.sink = sink
        self.flow = flow
        clientLog = ClientLogForwarder(sink: sink)
        clientLog.attach(to: logger.backend)
    }

    public init(identity: ServerIdentity, tools: ToolRegistry, options: ServerOptions = ServerOptions(), logger: Logger, sink: MessageSink) {
        self.init(identity: identity, catalog: ServerCatalog(tools: tools), options: options, logger: logger, sink: sink)
    }

    // MARK: - Input

    /// Serves messages until the input ends, then lets in-flight work finish (within the grace period).
    /// With `flow`, a line is taken only when answers are not piling up unwritten and not too many
    /// requests run (see `FlowControl`).
    public func serve(_ input: AsyncStream<InputLine>) async {
        for await line in input {
            flow?.lineTaken()
            await flow?.waitForRoom()
            receive(line)
        }
        logger.debug("stdin closed; \(inFlight.count) request(s) still running")
        await drain()
    }

    /// Handles one line of input.
    func receive(_ line: InputLine) {
        switch line {
        case .oversized(let byteCount):
            logger.warning("rejected a \(byteCount)-byte message (limit \(options.maximumMessageBytes))")
            sink.send(
                OutgoingMessage.error(
                    id: nil,
                    JSONRPCError(
                        .invalidRequest,
                        "Message of \(byteCount) bytes exceeds the limit of \(options.maximumMessageBytes) bytes")))
        case .message(let bytes):
            guard bytes.contains(where: { !Self.isWhitespace($0) }) else { return }
            let value: JSONValue
            do {
                value = try JSONParser.parse(bytes, depthLimit: options.maximumJSONDepth)
            } catch {
                logger.debug("parse error: \(error)")
                sink.send(OutgoingMessage.error(id: nil, JSONRPCError(.parseError, "Parse error: \(error)")))
                return
            }
            receive(value)
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Handles one parsed JSON value: a single message or a batch.
    func receive(_ value: JSONValue) {
        guard case .array(let elements) = value else {
            if case .now(let message)? = dispatch(IncomingMessage(value)) { sink.send(message) }
            return
        }
        guard let revision = state.revision, revision.allowsBatches else {
            let why =
                state.revision.map { "protocol revision \($0.rawValue) does not allow JSON-RPC batches" }
                ?? "JSON-RPC batches are accepted only in a 2025-03-26 session"
            sink.send(OutgoingMessage.error(id: nil, JSONRPCError(.invalidRequest, "Invalid request: \(why); send one message per line")))
            return
        }
        guard !elements.isEmpty else {
            sink.send(OutgoingMessage.error(id: nil, JSONRPCError(.invalidRequest, "Invalid request: empty batch")))
            return
        }
        let answers = elements.map { dispatch(IncomingMessage($0), inBatch: true) }
        let sink = self.sink
        pendingBatches += 1
        Task {
            var responses: [JSONValue] = []
            for answer in answers {
                switch answer {
                case .now(let message): responses.append(message)
                case .later(let task): if let message = await task.value { responses.append(message) }
                case nil: break
                }
            }
            if !responses.isEmpty { sink.send(.array(responses)) }
            self.batchFinished()
        }
    }

    private func batchFinished() {
        pendingBatches -= 1
        signalIfIdle()
    }

    /// An answer to a message: ready now, or computed by a running task.
    enum Answer {
        case now(JSONValue)
        /// A running request. Outside a batch it writes its own answer before it ends,
        /// so shutdown (which waits for running requests) never loses one.
        case later(Task<JSONValue?, Never>)
    }

    /// Routes one message; returns its answer, or `nil` for notifications and dropped messages.
    func dispatch(_ message: IncomingMessage, inBatch: Bool = false) -> Answer? {
        switch message {
        case .invalid(let id, let reason):
            return .now(OutgoingMessage.error(id: id, JSONRPCError(.invalidRequest, "Invalid request: \(reason)")))
        case .response(let id):
            logger.debug("ignored a response message (id \(id?.description ?? "null")); this server sends no requests")
            return nil
        case .notification(let method, let params):
            handleNotification(method, params: params)
            return nil
        case .request(let id, let method, let params):
            do {
                return try route(method, id: id, params: params, inBatch: inBatch)
            } catch let error as JSONRPCError {
                return .now(OutgoingMessage.error(id: id, error))
            } catch {
                logger.error("internal error handling \(method): \(error)")
                return .now(OutgoingMessage.error(id: id, JSONRPCError(.internalError, "Internal error while handling \(method)")))
            }
        }
    }
}

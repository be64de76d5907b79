import OpsRampJSON
import OpsRampLogging
import OpsRampSecrets

/// Settings of the protocol layer that do not come from the client.
public struct ServerOptions: Sendable {
    /// Largest accepted message line; longer lines get `-32600` without being buffered.
    public var maximumMessageBytes: Int
    /// Nesting limit for incoming JSON.
    var maximumJSONDepth: Int
    /// How long in-flight requests may run after stdin closes before they are cancelled.
    var shutdownGrace: Duration
    /// Items per page of `tools/list`, `resources/list`, `prompts/list`.
    public var listPageSize: Int
    /// Largest error text of a tool result, in bytes (the tools bound their own results to the same size).
    public var maximumResultBytes: Int
    /// Run as each tool call starts, and after its answer is written (the executable uses them to give
    /// freed memory back when no call is running).
    public var beforeToolCall: (@Sendable () -> Void)?
    public var afterToolCall: (@Sendable () -> Void)?

    public init(maximumMessageBytes: Int = 16 * 1024 * 1024, maximumJSONDepth: Int = 128,
                shutdownGrace: Duration = .seconds(1), listPageSize: Int = 100, maximumResultBytes: Int = 40_000,
                beforeToolCall: (@Sendable () -> Void)? = nil, afterToolCall: (@Sendable () -> Void)? = nil) {
        self.beforeToolCall = beforeToolCall
        self.afterToolCall = afterToolCall
        self.maximumMessageBytes = maximumMessageBytes
        self.maximumJSONDepth = maximumJSONDepth
        self.shutdownGrace = shutdownGrace
        self.listPageSize = max(1, listPageSize)
        self.maximumResultBytes = max(1_000, maximumResultBytes)
    }
}

/// What the server offers besides its identity.
public struct ServerCatalog: Sendable {
    public let tools: ToolRegistry
    public let resources: ResourceCatalog
    public let prompts: [Prompt]

    public init(tools: ToolRegistry, resources: ResourceCatalog = .empty, prompts: [Prompt] = []) {
        self.tools = tools
        self.resources = resources
        self.prompts = prompts
    }
}

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
    private var requestCounter = 0
    /// Batches whose combined answer has not been written yet.
    var pendingBatches = 0
    /// Callers of `waitUntilIdle` (shutdown), resumed when the last request or batch ends.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    public init(identity: ServerIdentity, catalog: ServerCatalog, options: ServerOptions = ServerOptions(), logger: Logger,
                sink: MessageSink, flow: FlowControl? = nil) {
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
            sink.send(OutgoingMessage.error(id: nil, JSONRPCError(
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
            let why = state.revision.map { "protocol revision \($0.rawValue) does not allow JSON-RPC batches" }
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

    // MARK: - Notifications

    private func handleNotification(_ method: String, params: JSONValue?) {
        switch ClientNotification(rawValue: method) {
        case .initialized:
            logger.debug("client confirmed initialization")
        case .cancelled:
            guard let raw = params?["requestId"], let id = RequestID(raw) else {
                logger.debug("ignored notifications/cancelled without a usable requestId")
                return
            }
            cancel(id, reason: params?["reason"]?.stringValue)
        case .rootsListChanged, .progress:
            break
        case nil:
            logger.debug("ignored unknown notification \(Excerpt.of(method))")
        }
    }

    private func cancel(_ id: RequestID, reason: String?) {
        guard let entry = inFlight[id] else {
            logger.debug("cancel for \(id): not running (already answered or unknown)")
            return
        }
        logger.info("cancelling request \(id)" + (reason.map { ": \(Excerpt.of($0))" } ?? ""))
        entry.task.cancel()
    }

    // MARK: - Tool calls

    func startToolCall(_ call: ToolCall, id: RequestID, context: RequestContext, writesAnswer: Bool) -> Answer {
        let toolContext = ToolContext(
            revision: context.revision,
            logger: logger.child("tool.\(call.tool.name)"),
            progress: progressReporter(token: context.progressToken, revision: context.revision))
        let logger = self.logger
        let sink = self.sink
        let identity = self.identity
        let maximumResultBytes = options.maximumResultBytes
        let afterToolCall = options.afterToolCall
        options.beforeToolCall?()
        let flow = self.flow
        flow?.requestStarted()
        requestCounter += 1
        let number = requestCounter
        if inFlight[id] != nil { logger.warning("request id \(id) is already in use by a running request; ids should be unique") }
        let task = Task { [weak self] () -> JSONValue? in
            let result = await LogContext.$requestID.withValue(id.description) {
                await ClientLogForwarder.$audience.withValue(context.revision.isStateless ? .statelessRequest(context.clientLogLevel) : .session) {
                    await call.run(context: toolContext, logger: logger, maximumResultBytes: maximumResultBytes)
                }
            }
            var answer: JSONValue?
            if let result, !Task.isCancelled {
                if writesAnswer, !context.revision.isStateless, let encoded = result.encodedData {
                    // Written around the tool's own encoding (what `finish` would add is for the stateless revision only).
                    sink.send(encoded: ToolResultRenderer.answerLine(id: id, encodedData: encoded,
                                                                     structuredContent: context.revision.hasStructuredContent))
                } else {
                    answer = OutgoingMessage.result(id: id, context.finish(result.value, cacheable: false, identity: identity))
                    if writesAnswer, let answer { sink.send(answer) }
                }
            } else {
                logger.debug("request \(id) was cancelled; no answer is sent")
            }
            await self?.finished(id, number: number)
            flow?.requestFinished()
            afterToolCall?()
            return answer
        }
        inFlight[id] = (number, task)
        return .later(task)
    }

    private func finished(_ id: RequestID, number: Int) {
        if inFlight[id]?.number == number { inFlight[id] = nil }
        signalIfIdle()
    }

    /// Sends `notifications/progress` for a request that asked for it; silent once the request is cancelled.
    private func progressReporter(token: JSONValue?, revision: ProtocolRevision) -> ProgressReporter {
        guard let token else { return .none }
        let withMessage = revision.hasProgressMessages
        let sink = self.sink
        return ProgressReporter { progress, total, message in
            guard !Task.isCancelled else { return }
            var params: [String: JSONValue] = ["progressToken": token, "progress": .double(progress)]
            params.setIfPresent("total", total.map(JSONValue.double))
            if withMessage { params.setIfPresent("message", message.map(JSONValue.string)) }
            sink.send(OutgoingMessage.notification(method: ServerNotification.progress.rawValue, params: .object(params)))
        }
    }

    // MARK: - Shutdown

    /// Waits for running requests up to the grace period, then cancels whatever is left.
    func drain() async {
        await waitUntilIdle(atMost: options.shutdownGrace)
        guard !inFlight.isEmpty else { return }
        logger.info("cancelling \(inFlight.count) request(s) still running at shutdown")
        for entry in inFlight.values { entry.task.cancel() }
        await waitUntilIdle(atMost: .milliseconds(300))
    }

    /// True when no request runs and no batch answer is left to write.
    private var isIdle: Bool { inFlight.isEmpty && pendingBatches == 0 }

    /// Returns once the server is idle (signalled by the last request or batch to finish), or after `limit`.
    private func waitUntilIdle(atMost limit: Duration) async {
        guard !isIdle else { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: limit)
            guard !Task.isCancelled else { return }
            await self?.resumeIdleWaiters()
        }
        await withCheckedContinuation { idleWaiters.append($0) }
        timer.cancel()
    }

    /// Wakes the callers of `waitUntilIdle`; called when the server becomes idle or a wait's time is up.
    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    /// Called whenever a request or batch ends.
    private func signalIfIdle() {
        if isIdle { resumeIdleWaiters() }
    }
}

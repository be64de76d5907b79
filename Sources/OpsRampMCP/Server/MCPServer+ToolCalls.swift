import OpsRampJSON
import OpsRampLogging

// Tool calls: each runs in its own task, writes its own answer and reports progress when asked.
extension MCPServer {
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
                    sink.send(
                        encoded: ToolResultRenderer.answerLine(
                            id: id, encodedData: encoded,
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
}

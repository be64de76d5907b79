import OpsRampJSON
import OpsRampSecrets

// Client notifications: `initialized`, and `cancelled` for a running request.
extension MCPServer {
    func handleNotification(_ method: String, params: JSONValue?) {
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
}

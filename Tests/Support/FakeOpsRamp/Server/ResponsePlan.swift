/// What the connection does with a request once the fake has decided.
enum ResponseOutcome: Sendable {
    case respond(HTTPResponse)
    /// Never answer; wait until the peer or `stop()` closes the connection.
    case hang
    /// Close with a TCP reset and no answer.
    case reset
    /// Send the head with the full `Content-Length`, half of the body, then close.
    case truncate(HTTPResponse)
    /// Send the head and half of what `serialized` would send of the body, then hold the connection.
    case stall(HTTPResponse)
}

/// The fake's decision for one request: how long to wait first, then what to do.
struct ResponsePlan: Sendable {
    var delay: Double
    var outcome: ResponseOutcome

    /// Applies `change` to the response, whichever outcome carries one.
    mutating func updateResponse(_ change: (inout HTTPResponse) -> Void) {
        switch outcome {
        case .respond(var response):
            change(&response)
            outcome = .respond(response)
        case .truncate(var response):
            change(&response)
            outcome = .truncate(response)
        case .stall(var response):
            change(&response)
            outcome = .stall(response)
        case .hang, .reset:
            break
        }
    }
}

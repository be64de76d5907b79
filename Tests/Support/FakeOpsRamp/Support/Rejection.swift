/// An error answer thrown out of request validation; the endpoint sends `response` as it is.
struct Rejection: Error, Sendable {
    let response: HTTPResponse
}

/// An error whose message is written for the person (or model) who asked: what went wrong, in
/// their terms, and what to do about it (a setting to check, an argument to change, a time to
/// retry). A tool call that fails with one answers `isError: true` with `userMessage`; every
/// other error is reported as a bug. Messages never hold a secret.
///
/// It lives here, below both the MCP and the OpsRamp modules, so that the API and token errors
/// adopt it without knowing about MCP.
public protocol UserFacingError: Error, Sendable {
    /// What went wrong and what to do, in one or a few sentences.
    var userMessage: String { get }
}

import Testing

@testable import OpsRampHTTP

@Suite("Percent-encoding")
struct PercentEncodingTests {
    @Test(
        "unreserved text is kept; everything else is %XX in upper-case hex, byte by byte",
        arguments: [
            ("client_1234", "client_1234"),
            ("a-b.c_d~e", "a-b.c_d~e"),
            ("a b+c", "a%20b%2Bc"),
            ("states:Critical,Warning", "states%3ACritical%2CWarning"),
            ("é/ü", "%C3%A9%2F%C3%BC"),
            ("", ""),
            ("%", "%25"),
        ])
    func encode(input: String, expected: String) {
        #expect(PercentEncoding.encode(input) == expected)
    }
}

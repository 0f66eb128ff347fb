// libFuzzer entry for the lenient JSON reader, compiled with its sources by
// Scripts/fuzz-libfuzzer.sh (coverage-guided, complements the seeded Tests/FuzzTests).
@_cdecl("LLVMFuzzerTestOneInput")
public func lenientJSONFuzzTarget(_ data: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    do { _ = try JSONValue.parse(bytes) } catch is JSONSyntaxError {} catch { fatalError("untyped error \(error)") }
    return 0
}

import Foundation

/// Reading the package's small JSON files (stem mappings, split files): one place that turns
/// an unreadable or undecodable file into the caller's typed error naming the file.
enum JSONFile {
    /// The `T` in the JSON file at `url`; a read or decoding failure is `fault(reason)`.
    static func decode<T: Decodable>(_ type: T.Type, from url: URL, fault: (String) -> MUSDBError) throws -> T {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw fault(error.localizedDescription) }
        do { return try JSONDecoder().decode(type, from: data) } catch { throw fault("\(error)") }
    }
}

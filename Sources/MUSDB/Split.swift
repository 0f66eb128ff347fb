/// The split of the train subset: the 14 validation tracks (`valid`) or the other 86 (`train`).
public enum Split: String, Sendable, CaseIterable, Codable {
    case train, valid
}

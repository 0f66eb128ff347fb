/// museval's frame geometry: frame `t` starts at `t·hop`; frames that would run past
/// the end are not scored, and a window at least as long as the track is one frame.
struct Framing: Equatable {
    let window: Int
    let hop: Int
    let length: Int

    /// `floor((length − window + hop) / hop)` when `window < length`, else 1.
    var count: Int { window < length ? (length - window + hop) / hop : 1 }

    /// Samples per frame.
    var frameLength: Int { min(window, length) }

    func range(_ t: Int) -> Range<Int> {
        let start = t * hop
        return start..<min(start + window, length)
    }

    var starts: [Int] { (0..<count).map { $0 * hop } }
}

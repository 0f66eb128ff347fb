/// One track of a `Manifest`.
public struct ManifestTrack: Codable, Sendable, Equatable {
    /// `Artist - Title`.
    public var name: String
    /// `train` or `test`.
    public var subset: Subset
    /// For training tracks: `train` or `valid`.
    public var split: Split?
    public var genre: String?
    public var source: String?
    public var license: String?
    /// For test tracks: the length in whole seconds (the number of 1 s museval frames).
    public var seconds: Int?

    public init(
        name: String, subset: Subset, split: Split? = nil, genre: String? = nil,
        source: String? = nil, license: String? = nil, seconds: Int? = nil
    ) {
        self.name = name
        self.subset = subset
        self.split = split
        self.genre = genre
        self.source = source
        self.license = license
        self.seconds = seconds
    }
}

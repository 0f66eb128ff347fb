extension StemMapping {
    /// MoisesDB's eleven top-level stems (its taxonomy, folder spelling).
    public static let moisesDBStems = [
        "vocals", "bass", "drums", "other", "guitar", "other_plucked", "percussion", "piano",
        "other_keys", "bowed_strings", "wind"
    ]

    /// MoisesDB onto MUSDB18's four stems; everything else is `other`.
    public static let moisesDB4 = StemMapping(
        name: "moisesdb-4stems", dataset: .moisesdb,
        stems: [
            Stem(name: "vocals", from: ["vocals"]), Stem(name: "drums", from: ["drums"]),
            Stem(name: "bass", from: ["bass"]), Stem(name: "other", from: [rest])
        ])

    /// Four stems and `guitar` (the `moisesdb` package's 5-stem mix).
    public static let moisesDB5 = StemMapping(
        name: "moisesdb-5stems", dataset: .moisesdb,
        stems: [
            Stem(name: "vocals", from: ["vocals"]), Stem(name: "drums", from: ["drums"]),
            Stem(name: "bass", from: ["bass"]), Stem(name: "guitar", from: ["guitar"]),
            Stem(name: "other", from: [rest])
        ])

    /// Four stems, `guitar` and `piano` (the 6-stem mix, as Demucs' `htdemucs_6s` splits).
    public static let moisesDB6 = StemMapping(
        name: "moisesdb-6stems", dataset: .moisesdb,
        stems: [
            Stem(name: "vocals", from: ["vocals"]), Stem(name: "drums", from: ["drums"]),
            Stem(name: "bass", from: ["bass"]), Stem(name: "guitar", from: ["guitar"]),
            Stem(name: "piano", from: ["piano"]), Stem(name: "other", from: [rest])
        ])

    /// The shipped profiles (each also a file in `Manifests/stem-mappings/`).
    public static let profiles: [StemMapping] = [moisesDB4, moisesDB5, moisesDB6]
}

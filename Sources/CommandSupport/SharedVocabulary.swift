/// The options both tools spell alike, in one sentence for their root help.
public enum SharedVocabulary {
    public static let summary = """
        Every command that reads a dataset takes --root ROOT (--musdb ROOT is the same; default: \
        $MUSDB_PATH) and --is-wav (or --dataset musdb18|musdb18hq|dsd100|moisesdb|folder, with \
        --stem-mapping and --split-file); --subsets train,test chooses the subsets, -o/--output OUT the \
        output, --jobs N the tracks processed in parallel (default: 1), in musdb and museval alike.
        """
}

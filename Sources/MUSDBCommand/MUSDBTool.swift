import ArgumentParser
import CommandSupport
import MUSDB

@main
struct MUSDBTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "musdb",
        abstract: "Index, load, verify, convert and augment MUSDB18 / MUSDB18-HQ and other separation datasets.",
        discussion: """
            A MUSDB18 root holds train/ and test/. MUSDB18 (the default layout) has one \
            <Artist - Title>.stem.mp4 per track, decoded with ffmpeg; MUSDB18-HQ (--is-wav) has \
            one folder per track with mixture, vocals, drums, bass and other .wav files. \
            --dataset dsd100|moisesdb|folder reads the other layouts (see the README), with \
            --stem-mapping to map their stems onto sources and --split-file for their split.

            \(SharedVocabulary.summary)

            Example:
              musdb list --root ~/MUSDB18-HQ --is-wav --subsets test
            """,
        version: "musdb \(ToolVersion.version) (musdb-museval)",
        subcommands: [
            ListCommand.self, InfoCommand.self, VerifyCommand.self, SampleCommand.self, LoadCommand.self,
            ConvertCommand.self, AugmentCommand.self, StretchCommand.self, SplitCommand.self
        ])
}

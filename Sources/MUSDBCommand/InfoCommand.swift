import ArgumentParser
import CommandSupport
import Foundation
import MUSDB

/// `musdb info`: one track's files, shape and levels. Works for a healthy track whatever
/// the other tracks hold; a track that cannot be indexed, or a stem that fails validation
/// (unreadable, NaN, another rate, channel count or length), is an `error:` line and exit
/// status 1. A missing source is shown as missing, as before.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show one track: its stems, rate, channels, frames and peak levels in dBFS.",
        discussion: """
            Every stem is decoded and checked on its own; a stem that cannot be used is named on \
            its line and makes the exit status 1.

            Example:
              musdb info --root ~/MUSDB18-HQ --is-wav "Music Delta - 80s Rock"
            """)

    @OptionGroup var dataset: DatasetOptions

    @Argument(help: ArgumentHelp("The track name, e.g. \"Music Delta - 80s Rock\".", valueName: "track"))
    var track: String

    func run() throws {
        try reportingErrors {
            let database = try dataset.database()
            let track = try database.track(named: track)
            for line in TrackSummary.infoHeader(track) { print(line) }
            print("stems:")
            let stems = TrackSummary.stems(of: track)
            for stem in stems { print(stem.line) }
            let failures = stems.compactMap(\.error)
            for failure in failures { printError("error: \(failure)") }
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }
}

import FileOutput
import Foundation

/// An output folder that a run writes and a rerun resumes (`musdb augment`, `musdb
/// convert`): outside the dataset, and absent, empty, or holding an earlier run whose
/// recorded settings (`settingsFile`, the exact bytes) are these. Anything else is refused
/// before a file is written, so one folder never mixes two runs.
struct ResumableOutput {
    let folder: URL
    let settingsFile: URL
    let settings: Data
    /// The command, for messages (`musdb convert`).
    let command: String
    /// What the folder holds, for messages (`a conversion`).
    let contents: String
    /// How to resume, for messages (`the same settings`).
    let resumeHint: String

    /// Checks the folder, then creates `folders`, replaces `partial` (what an interrupted
    /// run left) with an empty folder and records the settings.
    ///
    /// - Throws: `AugmentationError.unusableOutput` naming the folder and what to do.
    func claim(datasetRoot: URL?, folders: [URL], partial: URL) throws {
        if let datasetRoot, folder.lies(within: datasetRoot) {
            throw AugmentationError.unusableOutput(
                folder,
                "it is inside the dataset root \(datasetRoot.path); datasets are never modified, choose a folder outside it"
            )
        }
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw AugmentationError.unusableOutput(folder, "it is a file, not a folder")
            }
            if !(try fileManager.contentsOfDirectory(atPath: folder.path)).isEmpty {
                guard let earlier = try? Data(contentsOf: settingsFile) else {
                    throw AugmentationError.unusableOutput(
                        folder, "it is not empty and was not written by \(command); choose an empty or new folder")
                }
                guard earlier == settings else {
                    throw AugmentationError.unusableOutput(
                        folder,
                        "it holds \(contents) made with other settings (see \(settingsFile.lastPathComponent)); use another folder or \(resumeHint) to resume"
                    )
                }
            }
        }
        do {
            for made in folders { try OutputFolder.create(made) }
            if fileManager.fileExists(atPath: partial.path) { try fileManager.removeItem(at: partial) }
            try OutputFolder.create(partial)
            if !fileManager.fileExists(atPath: settingsFile.path) { try AtomicFile.write(settings, to: settingsFile) }
        } catch let error as FileOutputError {
            throw AugmentationError.unusableOutput(URL(fileURLWithPath: error.path), error.reason.description)
        } catch {
            throw AugmentationError.unusableOutput(folder, error.localizedDescription)
        }
    }
}

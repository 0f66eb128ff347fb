// swift-tools-version:6.0
import PackageDescription

// System libraries are found with pkg-config; each names the Debian package that provides it.
let package = Package(
    name: "musdb-museval",
    products: [
        .library(name: "FileOutput", targets: ["FileOutput"]),
        .library(name: "SeededRandom", targets: ["SeededRandom"]),
        .library(name: "Checksum", targets: ["Checksum"]),
        .library(name: "Audio", targets: ["Audio"]),
        .library(name: "DSP", targets: ["DSP"]),
        .library(name: "BSSEval", targets: ["BSSEval"]),
        .library(name: "MUSDB", targets: ["MUSDB"]),
        .library(name: "ScoreFiles", targets: ["ScoreFiles"]),
        .library(name: "Statistics", targets: ["Statistics"]),
        .library(name: "Report", targets: ["Report"]),
        .library(name: "MUSEval", targets: ["MUSEval"]),
        .library(name: "Augmentation", targets: ["Augmentation"]),
        .library(name: "Oracle", targets: ["Oracle"]),
        .library(name: "OracleEvaluation", targets: ["OracleEvaluation"]),
        // The C interface the Python package `museval_swift` loads with ctypes (python/).
        .library(name: "museval_swift", type: .dynamic, targets: ["MUSEvalC"]),
        .executable(name: "musdb", targets: ["MUSDBCommand"]),
        .executable(name: "museval", targets: ["MUSEvalCommand"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20")
    ],
    targets: [
        // C glue: one small shim target per system library.
        .systemLibrary(
            name: "CSndFile", pkgConfig: "sndfile",
            providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(
            name: "CSampleRate", pkgConfig: "samplerate",
            providers: [.apt(["libsamplerate0-dev"])]),
        .systemLibrary(
            name: "CFFTW", pkgConfig: "fftw3",
            providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // Not `CZlib`: ZIPFoundation's own zlib shim defines a Clang module of that name.
        .systemLibrary(
            name: "CZlibShim", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // Writing output files and folders safely: atomic replace, `-` for standard output.
        .target(name: "FileOutput", exclude: ["README.md"]),
        // The one seeded random number generator (SplitMix64): same draws on every machine.
        .target(name: "SeededRandom", exclude: ["README.md"]),
        // CRC-32 over zlib: what a file held, recorded and rechecked.
        .target(name: "Checksum", dependencies: ["CZlibShim"], exclude: ["README.md"]),
        // Zip archives read in place: the members listed from the central directory, read as
        // forward streams (inflated on the fly) with their CRC-32 checked; on ZIPFoundation.
        .target(
            name: "Archive", dependencies: ["Checksum", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["README.md"]),
        // Audio files, resampling and stem decoding: no dataset knowledge.
        .target(name: "Audio", dependencies: ["CSndFile", "CSampleRate", "FileOutput"], exclude: ["README.md"]),
        // Signal processing on arrays: FFT on FFTW, stft/istft.
        .target(
            name: "DSP",
            dependencies: [
                "CFFTW", .product(name: "Numerics", package: "swift-numerics")
            ], exclude: ["README.md"]),
        // The BSS Eval v4 math kernel: arrays in, numbers out.
        .target(name: "BSSEval", dependencies: ["DSP", "COpenBLAS"], exclude: ["README.md"]),
        // The MUSDB18 dataset: index, tracks, targets, sample data.
        .target(
            name: "MUSDB", dependencies: ["Archive", "Audio", "FileOutput", "SeededRandom"], exclude: ["README.md"]),
        // Augmented training sets: swap, gain, remix, pitch shift, time stretch.
        .target(
            name: "Augmentation", dependencies: ["DSP", "Audio", "MUSDB", "Checksum", "FileOutput", "SeededRandom"],
            exclude: ["README.md"]),
        // Oracle separators (IRM, IBM, MWF, multi-resolution IRM) on arrays.
        .target(name: "Oracle", dependencies: ["DSP"], exclude: ["README.md"]),
        // museval score files: the per-track JSON read and written, aggregation, leaderboard, CSV.
        // Needs neither the kernel nor the dataset, so `aggregate` works on score files alone.
        .target(name: "ScoreFiles", dependencies: ["FileOutput"], exclude: ["README.md"]),
        // The statistics of the report's figures (boxplots, Conover's test), as matplotlib and
        // scikit-posthocs compute them.
        .target(name: "Statistics", exclude: ["README.md"]),
        // `museval report`: one self-contained HTML page of tables and SVG figures.
        .target(name: "Report", dependencies: ["ScoreFiles", "Statistics"], exclude: ["README.md"]),
        // Scoring separator output folders: layouts, loading, provenance, batches.
        .target(
            name: "MUSEval", dependencies: ["BSSEval", "Audio", "MUSDB", "ScoreFiles", "Checksum", "FileOutput"],
            exclude: ["README.md"]),

        // A small C interface (status codes, caller-owned buffers) over the kernel and the
        // pitch shift / time stretch, for the Python package (product museval_swift).
        .target(name: "MUSEvalC", dependencies: ["BSSEval", "Augmentation"], exclude: ["README.md"]),

        // `museval oracle`'s batch: oracle separations of a dataset, written for scoring.
        .target(
            name: "OracleEvaluation", dependencies: ["Oracle", "MUSDB", "MUSEval", "Audio", "FileOutput"],
            exclude: ["README.md"]),

        // Progress bars, messages and the option groups shared by the two commands.
        .target(
            name: "CommandSupport",
            dependencies: [
                "MUSDB", .product(name: "ArgumentParser", package: "swift-argument-parser")
            ], exclude: ["README.md"]),

        .executableTarget(
            name: "MUSDBCommand",
            dependencies: [
                "MUSDB", "Audio", "DSP", "Augmentation", "CommandSupport", "FileOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        .executableTarget(
            name: "MUSEvalCommand",
            dependencies: [
                "BSSEval", "MUSEval", "ScoreFiles", "Report", "MUSDB", "Oracle", "OracleEvaluation", "Audio",
                "CommandSupport",
                "FileOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),

        // Benchmarks/bsseval_speed.sh: the BSSEval kernel on raw float64 files.
        .executableTarget(name: "BSSEvalBenchmark", dependencies: ["BSSEval"]),

        // Locating Fixtures/ and ../shared/data from the tests; building zip archives for them
        // (ZIPFoundation's writer).
        .target(
            name: "TestSupport",
            dependencies: ["Audio", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Sources/TestSupport"),

        .testTarget(name: "FileOutputTests", dependencies: ["TestSupport", "FileOutput"]),
        // Seeded mutation fuzzing of the readers of untrusted bytes (`make fuzz` runs it long).
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "TestSupport", "ScoreFiles", "MUSEval", "MUSDB", "Augmentation",
                "SeededRandom", "Archive", "Audio"
            ],
            exclude: ["README.md"]),
        .testTarget(name: "AudioTests", dependencies: ["TestSupport", "Audio"]),
        .testTarget(name: "DSPTests", dependencies: ["DSP"]),
        .testTarget(
            name: "BSSEvalTests", dependencies: ["TestSupport", "BSSEval", "COpenBLAS", "Audio", "SeededRandom"]),
        .testTarget(name: "MUSDBTests", dependencies: ["TestSupport", "MUSDB", "Audio", "SeededRandom", "Archive"]),
        .testTarget(
            name: "AugmentationTests",
            dependencies: [
                "TestSupport", "Augmentation", "MUSDB", "DSP", "Audio",
                "SeededRandom"
            ]),
        .testTarget(
            name: "OracleTests",
            dependencies: [
                "TestSupport", "Oracle", "OracleEvaluation", "MUSDB", "DSP", "Audio",
                "BSSEval", "MUSEval", "ScoreFiles"
            ]),
        .testTarget(name: "ScoreFilesTests", dependencies: ["TestSupport", "ScoreFiles", "FileOutput"]),
        // Global SDR, boxplot and Conover goldens, the report rendered by headless Chromium.
        .testTarget(
            name: "ReportTests",
            dependencies: ["TestSupport", "ScoreFiles", "Statistics", "Report", "Audio", "CZlibShim"]),
        .testTarget(
            name: "MUSEvalTests",
            dependencies: ["TestSupport", "MUSEval", "BSSEval", "ScoreFiles", "MUSDB", "Audio", "FileOutput"]
        ),
        // The shared option groups and values, parsed as the commands parse them.
        .testTarget(
            name: "CommandSupportTests",
            dependencies: [
                "CommandSupport", "MUSDB", .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]),
        // Both commands run as a user runs them, on broken inputs built in each test.
        .testTarget(name: "CommandLineTests", dependencies: ["TestSupport", "MUSDB", "Audio"])
    ],
    swiftLanguageModes: [.v5]
)

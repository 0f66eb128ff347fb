import ArgumentParser
import MUSEval
import Oracle
import ScoreFiles

// The choices of the museval commands, parsed by ArgumentParser from their names (the
// domain libraries do not import it). Help and errors list the values.

/// `--mode v4|v3`.
extension EvaluationMode: ExpressibleByArgument {}

/// `--frames` and `--tracks`: `median|mean`.
extension Aggregation: ExpressibleByArgument {}

/// `--method irm1|irm2|…`.
extension OracleMethod: ExpressibleByArgument {}

/// `--format text|markdown|latex|csv`.
extension TableFormat: ExpressibleByArgument {}

/// `--rows targets|methods|auto`.
extension TableRows: ExpressibleByArgument {}

/// `--rank-by SDR|…`.
extension LeaderboardMetric: ExpressibleByArgument {}

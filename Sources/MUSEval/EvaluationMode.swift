/// BSS Eval version: v4 (filters once per track, museval's default) or v3 (per frame).
public enum EvaluationMode: String, Sendable, CaseIterable {
    case v4, v3
}

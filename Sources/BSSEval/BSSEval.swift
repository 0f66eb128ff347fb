// The BSSEval module.

// The MUSEval module.

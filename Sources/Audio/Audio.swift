// The Audio module.

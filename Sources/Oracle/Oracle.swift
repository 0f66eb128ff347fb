// Oracle separators: ideal masks and Wiener filters computed from the true sources.

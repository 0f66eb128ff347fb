extension String {
    /// The text left-aligned in a column of `width` characters (unchanged when longer).
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The text right-aligned in a column of `width` characters (unchanged when longer).
    func rightAligned(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

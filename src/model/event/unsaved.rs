//! How writing the log went, as the store reports it back to the app.

/// Log events that could not be written yet (a full disk, a read-only data dir):
/// they are kept in memory and written again, in order, before the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    /// How many events are waiting.
    pub kept: usize,
    /// Why the last write failed, naming the file.
    pub reason: String,
}

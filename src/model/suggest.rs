//! Spelling suggestions for ids and names the user mistyped.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(dist, c)| *dist <= 2.max(c.len() / 3))
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, c)| c)
}
